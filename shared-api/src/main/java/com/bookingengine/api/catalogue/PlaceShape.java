package com.bookingengine.api.catalogue;

import com.bookingengine.api.rules.RuleViolation;

import java.time.Instant;

import static com.bookingengine.api.rules.Rule.APPOINTMENT_END_REQUIRED;
import static com.bookingengine.api.rules.Rule.APPOINTMENT_START_REQUIRED;
import static com.bookingengine.api.rules.Rule.APPOINTMENT_TAKES_NO_SESSION;
import static com.bookingengine.api.rules.Rule.COURSE_TAKES_NO_TIMES;
import static com.bookingengine.api.rules.Rule.SESSION_REQUIRED;
import static com.bookingengine.api.rules.Rule.TIMES_ONLY_FOR_APPOINTMENTS;

/**
 * How a booking, or an availability check, names its place for each type of service: a class one of its sessions,
 * a course nothing (it is booked whole), an appointment the start and end of a slot. The command side checks a
 * booking with it and availability a check, so both refuse the same shapes with the same words.
 */
public final class PlaceShape {

    private PlaceShape() {
    }

    /** Refuses a place named in the wrong shape for {@code type}; whether it exists is the caller's to find out. */
    public static void check(ServiceType type, String sessionId, Instant start, Instant end) {
        switch (type) {
            case CLASS -> {
                if (sessionId == null || sessionId.isBlank()) {
                    throw new RuleViolation(SESSION_REQUIRED, "A CLASS booking names its sessionId");
                }
                if (start != null || end != null) {
                    throw new RuleViolation(TIMES_ONLY_FOR_APPOINTMENTS,
                            "start and end are for appointments; a class is booked by sessionId");
                }
            }
            case COURSE -> {
                if (start != null || end != null) {
                    throw new RuleViolation(COURSE_TAKES_NO_TIMES,
                            "A COURSE is booked as a whole: send neither start nor end");
                }
            }
            case APPOINTMENT -> {
                if (sessionId != null) {
                    throw new RuleViolation(APPOINTMENT_TAKES_NO_SESSION,
                            "An APPOINTMENT is booked by start and end, not sessionId");
                }
                if (start == null) {
                    throw new RuleViolation(APPOINTMENT_START_REQUIRED, "An APPOINTMENT booking needs a start");
                }
                if (end == null) {
                    throw new RuleViolation(APPOINTMENT_END_REQUIRED, "An APPOINTMENT booking needs an end");
                }
            }
        }
    }
}

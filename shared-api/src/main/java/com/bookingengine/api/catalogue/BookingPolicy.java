package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.TimeRange;
import com.bookingengine.api.rules.RuleViolation;

import java.time.Duration;
import java.time.Instant;

import static com.bookingengine.api.rules.Rule.PARTICIPANTS_OUT_OF_RANGE;
import static com.bookingengine.api.rules.Rule.TOO_EARLY_TO_BOOK;
import static com.bookingengine.api.rules.Rule.TOO_LATE_TO_BOOK;

/**
 * The rules a booking of a service is held to. Each booking keeps the policy it was made under. The command side
 * refuses a booking by these methods and availability flags a slot by the same ones, so they cannot disagree.
 *
 * @param minNoticeMinutes          later than this before the start is too late to book
 * @param maxAdvanceDays            earlier than this before the start is too early to book
 * @param cancellationWindowMinutes a customer cannot cancel closer than this to the start
 * @param maxParticipantsPerBooking most participants one booking may bring
 * @param waitlistCapacity          bookings the waitlist may hold (0 = no waitlist)
 * @param bufferMinutes             appointments: time kept free after each booking
 * @param checkoutTimeoutMinutes    how long a seat waits for online payment
 */
public record BookingPolicy(int minNoticeMinutes, int maxAdvanceDays, int cancellationWindowMinutes,
                            int maxParticipantsPerBooking, int waitlistCapacity, int bufferMinutes,
                            int checkoutTimeoutMinutes) {

    public static final int DEFAULT_MAX_ADVANCE_DAYS = 365;
    public static final int DEFAULT_MAX_PARTICIPANTS = 10;
    public static final int DEFAULT_CHECKOUT_TIMEOUT_MINUTES = 15;

    /**
     * Too late to book something starting at {@code start}: fewer than {@code minNoticeMinutes} remain. The command
     * side refuses such a booking and availability flags its slot with this one rule, so they cannot disagree.
     */
    public boolean tooLateToBook(Instant start, Instant now) {
        return !now.isBefore(start.minus(Duration.ofMinutes(minNoticeMinutes)));
    }

    /** Too early to book something starting at {@code start}: it is more than {@code maxAdvanceDays} away. */
    public boolean tooEarlyToBook(Instant start, Instant now) {
        return start.isAfter(now.plus(Duration.ofDays(maxAdvanceDays)));
    }

    /**
     * Refuses a booking of something starting at {@code start} ({@code what}, for the message) that is too late
     * ({@link #tooLateToBook}) or too early ({@link #tooEarlyToBook}) to book at {@code now}.
     */
    public void checkTiming(Instant start, Instant now, String what) {
        if (tooLateToBook(start, now)) {
            throw new RuleViolation(TOO_LATE_TO_BOOK, what + "; bookings close " + minNoticeMinutes
                    + " minute(s) before");
        }
        if (tooEarlyToBook(start, now)) {
            throw new RuleViolation(TOO_EARLY_TO_BOOK, what + "; bookings open " + maxAdvanceDays + " day(s) before");
        }
    }

    /** Whether one booking may bring {@code participants}: at least one, at most {@code maxParticipantsPerBooking}. */
    public boolean allowsParticipants(int participants) {
        return participants >= 1 && participants <= maxParticipantsPerBooking;
    }

    /** Refuses a booking that brings a number of participants {@link #allowsParticipants} does not allow. */
    public void checkParticipants(int participants) {
        checkAtLeastOneParticipant(participants);
        if (participants > maxParticipantsPerBooking) {
            throw new RuleViolation(PARTICIPANTS_OUT_OF_RANGE, "A booking of this service brings at most "
                    + maxParticipantsPerBooking + " participant(s)");
        }
    }

    /** Refuses fewer than one participant, whatever the policy (availability asks before it knows the service). */
    public static void checkAtLeastOneParticipant(int participants) {
        if (participants < 1) {
            throw new RuleViolation(PARTICIPANTS_OUT_OF_RANGE, "participants must be at least 1");
        }
    }

    /** Until when an appointment ending at {@code end} holds the provider's time: its end plus the buffer. */
    public Instant heldUntil(Instant end) {
        return end.plus(Duration.ofMinutes(bufferMinutes));
    }

    /** The provider's time an appointment of [start, end) holds: up to its end plus the buffer. */
    public TimeRange heldTime(Instant start, Instant end) {
        return new TimeRange(start, heldUntil(end));
    }

    public static BookingPolicy defaults() {
        return new BookingPolicy(0, DEFAULT_MAX_ADVANCE_DAYS, 0, DEFAULT_MAX_PARTICIPANTS, 0, 0,
                DEFAULT_CHECKOUT_TIMEOUT_MINUTES);
    }
}

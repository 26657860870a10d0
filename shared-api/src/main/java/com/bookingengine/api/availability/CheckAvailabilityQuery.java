package com.bookingengine.api.availability;

import java.time.Instant;

/**
 * Can {@code participants} book now? A class names its {@code sessionId}, an appointment its {@code start} and
 * {@code end} (and optionally the {@code providerId} it wants); a course needs neither (its one slot is meant).
 */
public record CheckAvailabilityQuery(String serviceId, String sessionId, Instant start, Instant end, int participants,
                                     Instant now, String providerId) {

    /** Over every provider. */
    public CheckAvailabilityQuery(String serviceId, String sessionId, Instant start, Instant end, int participants,
                                  Instant now) {
        this(serviceId, sessionId, start, end, participants, now, null);
    }
}

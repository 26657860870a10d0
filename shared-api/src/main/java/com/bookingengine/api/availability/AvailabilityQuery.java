package com.bookingengine.api.availability;

import java.time.Instant;

/**
 * Slots of a service starting in [from, to), judged for a booking of {@code participants}; for an appointment service
 * counting only {@code providerId} when one is named.
 */
public record AvailabilityQuery(String serviceId, Instant from, Instant to, int participants, Instant now,
                                String providerId) {

    /** Over every provider. */
    public AvailabilityQuery(String serviceId, Instant from, Instant to, int participants, Instant now) {
        this(serviceId, from, to, participants, now, null);
    }
}

package com.bookingengine.api.availability;

import java.time.Instant;

/** Slots of a service starting in [from, to), judged for a booking of {@code participants}. */
public record AvailabilityQuery(String serviceId, Instant from, Instant to, int participants, Instant now) {
}

package com.bookingengine.api.availability;

import java.time.Instant;

/** Can {@code participants} book this class session now? (Appointments and courses come with their types.) */
public record CheckAvailabilityQuery(String serviceId, String sessionId, int participants, Instant now) {
}

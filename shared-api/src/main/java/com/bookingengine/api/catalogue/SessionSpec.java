package com.bookingengine.api.catalogue;

import java.time.Instant;

/** A class session to schedule; {@code capacity} null means the service's default. */
public record SessionSpec(String sessionId, Instant start, Instant end, Integer capacity) {
}

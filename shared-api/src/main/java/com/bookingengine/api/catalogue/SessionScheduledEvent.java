package com.bookingengine.api.catalogue;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A class session exists and offers {@code capacity} seats. Emitted by the session's own aggregate. */
@Revision("1")
public record SessionScheduledEvent(String sessionId, String serviceId, Instant start, Instant end, int capacity) {
}

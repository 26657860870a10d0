package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/** A booking left a seat-holding status and gave its seats back to the session. */
@Revision("1")
public record SeatsReleasedEvent(String sessionId, String serviceId, String bookingId, int participants) {
}

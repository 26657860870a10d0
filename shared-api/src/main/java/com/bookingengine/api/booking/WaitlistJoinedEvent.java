package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/** A session had no room, so a booking of {@code participants} joined the end of its waitlist. */
@Revision("1")
public record WaitlistJoinedEvent(String sessionId, String serviceId, String bookingId, int participants) {
}

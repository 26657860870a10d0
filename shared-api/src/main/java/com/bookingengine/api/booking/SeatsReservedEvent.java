package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/** A session gave {@code participants} of its seats to a booking. Emitted by the session's aggregate. */
@Revision("1")
public record SeatsReservedEvent(String sessionId, String serviceId, String bookingId, int participants) {
}

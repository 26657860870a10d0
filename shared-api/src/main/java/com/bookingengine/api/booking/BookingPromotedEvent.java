package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/**
 * A waitlisted booking got its seats in {@code sessionId} (freed by another booking) and moved on to the status
 * it would have had at creation. Applied by the engine, so its metadata actor is {@code system}.
 */
@Revision("1")
public record BookingPromotedEvent(String bookingId, String sessionId, BookingStatus status,
                                   PaymentStatus paymentStatus) implements BookingStateChange {
}

package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A confirmed booking moved from {@code previousSessionId} to {@code sessionId}, which runs from start to end. */
@Revision("1")
public record BookingRescheduledEvent(String bookingId, String previousSessionId, String sessionId, Instant start,
                                      Instant end, BookingStatus status, PaymentStatus paymentStatus)
        implements BookingStateChange {
}

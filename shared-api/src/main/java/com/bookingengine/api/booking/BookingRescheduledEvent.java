package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A confirmed booking moved from {@code previousSessionId} to {@code sessionId}, which runs from start to end; an
 * appointment to the provider {@code providerId} (revision 2; an earlier event reads with null, the implicit
 * provider, the only one there was).
 */
@Revision("2")
public record BookingRescheduledEvent(String bookingId, String previousSessionId, String sessionId, Instant start,
                                      Instant end, BookingStatus status, PaymentStatus paymentStatus,
                                      String providerId) implements BookingStateChange {

    /** A move with no named provider (a class booking, or an appointment of the implicit provider). */
    public BookingRescheduledEvent(String bookingId, String previousSessionId, String sessionId, Instant start,
                                   Instant end, BookingStatus status, PaymentStatus paymentStatus) {
        this(bookingId, previousSessionId, sessionId, start, end, status, paymentStatus, null);
    }
}

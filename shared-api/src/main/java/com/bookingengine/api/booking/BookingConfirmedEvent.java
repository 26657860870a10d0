package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/** The owner confirmed a pending booking: it is confirmed, or in checkout if online payment is owed. */
@Revision("1")
public record BookingConfirmedEvent(String bookingId, String reason, BookingStatus status, PaymentStatus paymentStatus)
        implements BookingStateChange {
}

package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/** Online payment went through: the booking is confirmed and paid. */
@Revision("1")
public record PaymentApprovedEvent(String bookingId, String transactionId, BookingStatus status, PaymentStatus paymentStatus)
        implements BookingStateChange {
}

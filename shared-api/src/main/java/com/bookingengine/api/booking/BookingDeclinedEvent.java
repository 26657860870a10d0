package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/** The owner declined a booking awaiting approval; its seat is freed. */
@Revision("1")
public record BookingDeclinedEvent(String bookingId, String reason, BookingStatus status, PaymentStatus paymentStatus)
        implements BookingStateChange {
}

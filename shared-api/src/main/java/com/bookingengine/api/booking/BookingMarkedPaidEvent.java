package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/** The owner recorded an in-person payment. */
@Revision("1")
public record BookingMarkedPaidEvent(String bookingId, BookingStatus status, PaymentStatus paymentStatus)
        implements BookingStateChange {
}

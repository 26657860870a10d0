package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/** The booking was canceled by its customer or the owner; its seat is freed. */
@Revision("1")
public record BookingCanceledEvent(String bookingId, CancelRequester canceledBy, String reason, BookingStatus status, PaymentStatus paymentStatus)
        implements BookingStateChange {
}

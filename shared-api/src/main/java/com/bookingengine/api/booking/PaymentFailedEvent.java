package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/** Online payment failed: the booking is canceled and its seat freed. */
@Revision("1")
public record PaymentFailedEvent(String bookingId, String reason, BookingStatus status, PaymentStatus paymentStatus)
        implements BookingStateChange {
}

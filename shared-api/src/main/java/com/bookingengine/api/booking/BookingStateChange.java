package com.bookingengine.api.booking;

/** A lifecycle event after which the booking stands in {@link #status()} and {@link #paymentStatus()}. */
public interface BookingStateChange {
    String bookingId();

    BookingStatus status();

    PaymentStatus paymentStatus();
}

package com.bookingengine.api.booking;

public enum BookingStatus {
    /** Awaiting the owner's approval, or on the waitlist. Holds a seat unless waitlisted. */
    PENDING,
    /** Awaiting online payment approval; holds its seat until the checkout timeout. */
    PENDING_CHECKOUT,
    /** Free, paid in person, by membership, or online payment approved. Holds a seat. */
    CONFIRMED,
    /** The owner declined a booking that needed approval. */
    DECLINED,
    /** Canceled by customer or owner, or checkout expired / payment failed. */
    CANCELED;

    public boolean isFinal() {
        return this == DECLINED || this == CANCELED;
    }
}

package com.bookingengine.command.booking;

/** The payload of a booking's checkout deadline: which booking's unpaid checkout to end. */
public record CheckoutExpiry(String bookingId) {

    /** The deadline's name on the booking aggregate. */
    public static final String DEADLINE = "checkout-expiry";
}

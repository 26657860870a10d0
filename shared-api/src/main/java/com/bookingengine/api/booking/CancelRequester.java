package com.bookingengine.api.booking;

/** Who asks for a cancel: a customer is held to the cancellation window, the owner is not. */
public enum CancelRequester {
    CUSTOMER, OWNER
}

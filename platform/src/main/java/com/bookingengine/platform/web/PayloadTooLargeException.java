package com.bookingengine.platform.web;

import java.io.IOException;

/** Thrown while reading a body that grew past the configured limit. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("Request body is larger than " + limit + " bytes");
    }
}

package com.bookingengine.platform.error;

/** The command or query names something that does not exist (404). */
public class NotFoundException extends RejectedCommandException {

    public NotFoundException(String message) {
        super(message);
    }
}

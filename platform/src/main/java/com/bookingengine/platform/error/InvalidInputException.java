package com.bookingengine.platform.error;

/** Input that can never be accepted as sent (400). Names the offending field when there is one. */
public class InvalidInputException extends RejectedCommandException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

package com.bookingengine.platform.error;

/** Valid input that conflicts with the current state: status, capacity or revision (409). */
public class ConflictException extends RejectedCommandException {

    private final String reason;

    public ConflictException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A stable, machine-readable word for the conflict: {@code status}, {@code capacity}, {@code revision}... */
    public String reason() {
        return reason;
    }
}

package com.bookingengine.platform.error;

/**
 * Input that can never be accepted as sent (400). Names the offending field when there is one, and may give a
 * machine-readable {@code reason} when one field can be wrong in several ways (an unknown or an expired coupon).
 */
public class InvalidInputException extends RejectedCommandException {

    private final String field;
    private final String reason;

    public InvalidInputException(String field, String message) {
        this(field, null, message);
    }

    public InvalidInputException(String field, String reason, String message) {
        super(message);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    /** A stable word for what is wrong with the field ({@code unknownCoupon}, {@code expiredCoupon}...), or null. */
    public String reason() {
        return reason;
    }
}

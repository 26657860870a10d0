package com.bookingengine.api.common;

/**
 * The longest text each field may hold (UTF-16 code units; see {@link PlainText}), in one place for the request
 * checks at the edge, the commands below it and the README's table. Counts of entries are here too.
 */
public final class InputLimits {

    /** Any identifier a command carries: serviceId, sessionId, bookingId, coupon code, planId, contactId. */
    public static final int ID = 100;
    public static final int SERVICE_NAME = 200;
    public static final int LOCATION = 500;
    /** An IANA time zone id; the longest in use has 32 characters. */
    public static final int TIME_ZONE = 64;
    public static final int FORM_FIELD_NAME = 100;
    public static final int FORM_FIELDS = 50;
    public static final int FORM_VALUE = 2000;
    public static final int PERSON_NAME = 100;
    public static final int EMAIL = 254;
    public static final int PHONE = 50;
    public static final int ADDRESS = 500;
    /** A confirm, decline, cancel or payment-failed reason. */
    public static final int REASON = 500;
    public static final int TRANSACTION_ID = 200;
    public static final int PAYMENT_METHOD = 50;
    public static final int COUPON_CODE = 50;
    public static final int PLAN_NAME = 200;
    public static final int PLAN_SERVICES = 100;

    private InputLimits() {
    }
}

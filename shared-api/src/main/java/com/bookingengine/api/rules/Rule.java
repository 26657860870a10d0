package com.bookingengine.api.rules;

/**
 * Every rule the domain refuses a command (or a check) by, under a stable name. The domain says which rule failed
 * ({@link RuleViolation}); the web layer alone says which request field that was and which status it answers, in
 * one table. A rule's {@link Kind} is part of its meaning: input that can never be accepted, a conflict with the
 * current state (the same request may succeed later or elsewhere), or something named that does not exist.
 */
public enum Rule {

    // booking: where it sits
    SESSION_REQUIRED(Kind.INVALID),
    TIMES_ONLY_FOR_APPOINTMENTS(Kind.INVALID),
    UNKNOWN_SESSION(Kind.INVALID),
    SESSION_OF_OTHER_SERVICE(Kind.INVALID),
    COURSE_TAKES_NO_TIMES(Kind.INVALID),
    COURSE_TAKES_NO_SESSION(Kind.INVALID),
    APPOINTMENT_TAKES_NO_SESSION(Kind.INVALID),
    APPOINTMENT_START_REQUIRED(Kind.INVALID),
    APPOINTMENT_END_REQUIRED(Kind.INVALID),
    NOT_A_SLOT(Kind.INVALID),
    NOT_THE_SLOT_END(Kind.INVALID),
    UNKNOWN_PROVIDER(Kind.INVALID),
    PROVIDER_ONLY_FOR_APPOINTMENTS(Kind.INVALID),
    PROVIDER_RETIRED(Kind.CONFLICT),
    // booking: its terms
    PARTICIPANTS_OUT_OF_RANGE(Kind.INVALID),
    PRICE_ABOVE_MAXIMUM(Kind.INVALID),
    PAYMENT_OPTION_NOT_ACCEPTED(Kind.INVALID),
    FORM_FIELD_REQUIRED(Kind.INVALID),
    MEMBERSHIP_NEEDS_PLAN(Kind.INVALID),
    PLAN_ONLY_FOR_MEMBERSHIP(Kind.INVALID),
    MEMBERSHIP_TAKES_NO_COUPON(Kind.INVALID),
    BOOKING_OF_UNKNOWN_SERVICE(Kind.INVALID),
    SERVICE_OF_BOOKING_GONE(Kind.INVALID),
    TOO_LATE_TO_BOOK(Kind.CONFLICT),
    TOO_EARLY_TO_BOOK(Kind.CONFLICT),
    // booking: its lifecycle
    BOOKING_NOT_FOUND(Kind.NOT_FOUND),
    STALE_REVISION(Kind.CONFLICT),
    WRONG_STATUS(Kind.CONFLICT),
    ALREADY_PAID(Kind.CONFLICT),
    ONLY_UNPAID_IN_PERSON_MARKED_PAID(Kind.CONFLICT),
    CANCELLATION_WINDOW_PASSED(Kind.CONFLICT),
    COURSE_NOT_RESCHEDULABLE(Kind.CONFLICT),
    APPOINTMENT_PARTICIPANTS_FIXED(Kind.CONFLICT),
    WAITLISTED_HOLDS_NO_SEAT(Kind.CONFLICT),
    ALREADY_EXISTS(Kind.CONFLICT),
    // seats and provider time
    NO_OPEN_SPOTS(Kind.CONFLICT),
    WAITLIST_FULL(Kind.CONFLICT),
    PROVIDER_TIME_TAKEN(Kind.CONFLICT),
    // catalogue
    SERVICE_NOT_FOUND(Kind.NOT_FOUND),
    TYPE_REQUIRED(Kind.INVALID),
    TYPE_FIXED(Kind.INVALID),
    UNKNOWN_TIME_ZONE(Kind.INVALID),
    TIME_ZONE_FIXED(Kind.INVALID),
    NAME_REQUIRED(Kind.INVALID),
    PRICE_REQUIRED(Kind.INVALID),
    PAYMENT_OPTIONS_REQUIRED(Kind.INVALID),
    CAPACITY_BELOW_ONE(Kind.INVALID),
    COURSE_CAPACITY_FIXED(Kind.INVALID),
    APPOINTMENT_CAPACITY_IS_ONE(Kind.INVALID),
    FORM_FIELD_NAMES_NOT_DISTINCT(Kind.INVALID),
    POLICY_OUT_OF_RANGE(Kind.INVALID),
    WORKING_HOURS_ONLY_FOR_APPOINTMENTS(Kind.INVALID),
    WORKING_HOURS_REQUIRED(Kind.INVALID),
    WORKING_HOURS_INVALID(Kind.INVALID),
    PROVIDERS_INVALID(Kind.INVALID),
    PROVIDERS_ONLY_FOR_APPOINTMENTS(Kind.INVALID),
    SLOT_LENGTH_OUT_OF_RANGE(Kind.INVALID),
    APPOINTMENT_TAKES_NO_SESSIONS(Kind.INVALID),
    COURSE_NEEDS_SESSIONS(Kind.INVALID),
    SESSIONS_ONLY_FOR_CLASSES(Kind.INVALID),
    SESSION_ENDS_BEFORE_START(Kind.INVALID),
    COURSE_CAPACITY_PER_COURSE(Kind.INVALID),
    COURSE_SESSION_IDS_REPEAT(Kind.INVALID),
    // weekly recurrence
    RECURRENCE_DAYS_REQUIRED(Kind.INVALID),
    RECURRENCE_START_REQUIRED(Kind.INVALID),
    RECURRENCE_ENDS_BEFORE_START(Kind.INVALID),
    RECURRENCE_FROM_REQUIRED(Kind.INVALID),
    RECURRENCE_UNTIL_BEFORE_FROM(Kind.INVALID),
    RECURRENCE_TOO_MANY_SESSIONS(Kind.INVALID),
    RECURRENCE_GIVES_NO_SESSION(Kind.INVALID),
    // coupons
    COUPON_DISCOUNT_REQUIRED(Kind.INVALID),
    COUPON_TWO_DISCOUNTS(Kind.INVALID),
    PERCENT_OFF_OUT_OF_RANGE(Kind.INVALID),
    AMOUNT_OFF_ZERO(Kind.INVALID),
    MAX_USES_BELOW_ONE(Kind.INVALID),
    VALID_UNTIL_PASSED(Kind.INVALID),
    UNKNOWN_COUPON(Kind.INVALID),
    COUPON_EXPIRED(Kind.INVALID),
    COUPON_USED_UP(Kind.INVALID),
    COUPON_CURRENCY(Kind.INVALID),
    // membership plans
    CREDITS_BELOW_ONE(Kind.INVALID),
    PLAN_SERVICES_REQUIRED(Kind.INVALID),
    PLAN_OF_UNKNOWN_SERVICE(Kind.INVALID),
    UNKNOWN_PLAN(Kind.INVALID),
    PLAN_OF_OTHER_CONTACT(Kind.INVALID),
    PLAN_NOT_FOR_SERVICE(Kind.INVALID),
    CREDITS_EXHAUSTED(Kind.CONFLICT);

    /** What kind of refusal a rule is. */
    public enum Kind {
        /** The input can never be accepted as sent. */
        INVALID,
        /** Valid input that conflicts with the current state: status, capacity, revision, time. */
        CONFLICT,
        /** The command names something that does not exist. */
        NOT_FOUND
    }

    private final Kind kind;

    Rule(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

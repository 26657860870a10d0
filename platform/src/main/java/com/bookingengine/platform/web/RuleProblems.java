package com.bookingengine.platform.web;

import com.bookingengine.api.rules.Rule;
import com.bookingengine.api.rules.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.EnumMap;
import java.util.Map;

import static com.bookingengine.api.rules.Rule.*;

/**
 * The one table from a domain rule to what a client reads: the status, the request field to blame (if any) and the
 * stable {@code reason} word. The domain names rules only ({@link RuleViolation}); field paths and statuses live
 * here. A field given "at" a part ({@code sessions[%s].end}) is used when the violation names which of several
 * like parts broke the rule; otherwise the plain field is.
 */
public final class RuleProblems {

    /** One row: the status, the field (plain, and at a part), and the reason word (null: none). */
    public record Row(HttpStatus status, String field, String fieldAt, String reason) {

        public String fieldFor(String at) {
            return at == null || fieldAt == null ? field : fieldAt.formatted(at);
        }
    }

    private static final Map<Rule, Row> TABLE = new EnumMap<>(Rule.class);

    static {
        // booking: where it sits
        invalid(SESSION_REQUIRED, "sessionId");
        invalid(TIMES_ONLY_FOR_APPOINTMENTS, "start");
        invalid(UNKNOWN_SESSION, "sessionId");
        invalid(SESSION_OF_OTHER_SERVICE, "sessionId");
        invalid(COURSE_TAKES_NO_TIMES, "start");
        invalid(COURSE_TAKES_NO_SESSION, "sessionId");
        invalid(APPOINTMENT_TAKES_NO_SESSION, "sessionId");
        invalid(APPOINTMENT_START_REQUIRED, "start");
        invalid(APPOINTMENT_END_REQUIRED, "end");
        invalid(NOT_A_SLOT, "start");
        invalid(NOT_THE_SLOT_END, "end");
        invalid(UNKNOWN_PROVIDER, "providerId");
        invalid(PROVIDER_ONLY_FOR_APPOINTMENTS, "providerId");
        conflict(PROVIDER_RETIRED, "providerRetired");
        // booking: its terms
        invalid(PARTICIPANTS_OUT_OF_RANGE, "participants");
        invalid(PRICE_ABOVE_MAXIMUM, "participants");
        invalid(PAYMENT_OPTION_NOT_ACCEPTED, "payment.option");
        row(FORM_FIELD_REQUIRED, HttpStatus.BAD_REQUEST, "formInfo", "formInfo.%s", null);
        invalid(MEMBERSHIP_NEEDS_PLAN, "payment.planId");
        invalid(PLAN_ONLY_FOR_MEMBERSHIP, "payment.planId");
        invalid(MEMBERSHIP_TAKES_NO_COUPON, "payment.couponCode");
        invalid(BOOKING_OF_UNKNOWN_SERVICE, "serviceId");
        invalid(SERVICE_OF_BOOKING_GONE, "bookingId");
        conflict(TOO_LATE_TO_BOOK, "tooLateToBook");
        conflict(TOO_EARLY_TO_BOOK, "tooEarlyToBook");
        // booking: its lifecycle
        notFound(BOOKING_NOT_FOUND);
        conflict(STALE_REVISION, "revision");
        conflict(WRONG_STATUS, "status");
        conflict(ALREADY_PAID, "status");
        conflict(ONLY_UNPAID_IN_PERSON_MARKED_PAID, "payment");
        conflict(CANCELLATION_WINDOW_PASSED, "cancellationWindow");
        conflict(COURSE_NOT_RESCHEDULABLE, "serviceType");
        conflict(APPOINTMENT_PARTICIPANTS_FIXED, "serviceType");
        conflict(WAITLISTED_HOLDS_NO_SEAT, "waitlisted");
        conflict(ALREADY_EXISTS, "duplicate");
        // seats and provider time
        conflict(NO_OPEN_SPOTS, "capacity");
        conflict(WAITLIST_FULL, "capacity");
        conflict(PROVIDER_TIME_TAKEN, "capacity");
        // catalogue
        notFound(SERVICE_NOT_FOUND);
        invalid(TYPE_REQUIRED, "type");
        invalid(TYPE_FIXED, "type");
        invalid(UNKNOWN_TIME_ZONE, "timeZone");
        invalid(TIME_ZONE_FIXED, "timeZone");
        invalid(NAME_REQUIRED, "name");
        invalid(PRICE_REQUIRED, "price");
        invalid(PAYMENT_OPTIONS_REQUIRED, "paymentOptions");
        row(CAPACITY_BELOW_ONE, HttpStatus.BAD_REQUEST, "capacity", "sessions[%s].capacity", null);
        invalid(COURSE_CAPACITY_FIXED, "capacity");
        invalid(APPOINTMENT_CAPACITY_IS_ONE, "capacity");
        invalid(FORM_FIELD_NAMES_NOT_DISTINCT, "formFields");
        invalid(POLICY_OUT_OF_RANGE, "policy");
        invalid(WORKING_HOURS_ONLY_FOR_APPOINTMENTS, "workingHours");
        invalid(WORKING_HOURS_REQUIRED, "workingHours");
        invalid(WORKING_HOURS_INVALID, "workingHours");
        invalid(PROVIDERS_INVALID, "providers");
        invalid(PROVIDERS_ONLY_FOR_APPOINTMENTS, "providers");
        invalid(SLOT_LENGTH_OUT_OF_RANGE, "slotMinutes");
        invalid(APPOINTMENT_TAKES_NO_SESSIONS, "sessions");
        invalid(COURSE_NEEDS_SESSIONS, "sessions");
        invalid(SESSIONS_ONLY_FOR_CLASSES, "serviceId");
        row(SESSION_ENDS_BEFORE_START, HttpStatus.BAD_REQUEST, "end", "sessions[%s].end", null);
        row(COURSE_CAPACITY_PER_COURSE, HttpStatus.BAD_REQUEST, "capacity", "sessions[%s].capacity", null);
        row(COURSE_SESSION_IDS_REPEAT, HttpStatus.BAD_REQUEST, "sessionId", "sessions[%s].sessionId", null);
        // weekly recurrence: the request's "weekly" object
        invalid(RECURRENCE_DAYS_REQUIRED, "weekly.days");
        invalid(RECURRENCE_START_REQUIRED, "weekly.start");
        invalid(RECURRENCE_ENDS_BEFORE_START, "weekly.end");
        invalid(RECURRENCE_FROM_REQUIRED, "weekly.from");
        invalid(RECURRENCE_UNTIL_BEFORE_FROM, "weekly.until");
        invalid(RECURRENCE_TOO_MANY_SESSIONS, "weekly.until");
        invalid(RECURRENCE_GIVES_NO_SESSION, "weekly.days");
        // coupons: their definition, then their use by a booking
        invalid(COUPON_DISCOUNT_REQUIRED, "percentOff");
        invalid(COUPON_TWO_DISCOUNTS, "amountOff");
        invalid(PERCENT_OFF_OUT_OF_RANGE, "percentOff");
        invalid(AMOUNT_OFF_ZERO, "amountOff");
        invalid(MAX_USES_BELOW_ONE, "maxUses");
        invalid(VALID_UNTIL_PASSED, "validUntil");
        row(UNKNOWN_COUPON, HttpStatus.BAD_REQUEST, "payment.couponCode", null, "unknownCoupon");
        row(COUPON_EXPIRED, HttpStatus.BAD_REQUEST, "payment.couponCode", null, "expiredCoupon");
        row(COUPON_USED_UP, HttpStatus.BAD_REQUEST, "payment.couponCode", null, "couponUsedUp");
        row(COUPON_CURRENCY, HttpStatus.BAD_REQUEST, "payment.couponCode", null, "couponCurrency");
        // membership plans: their grant, then their use by a booking
        invalid(CREDITS_BELOW_ONE, "credits");
        invalid(PLAN_SERVICES_REQUIRED, "serviceIds");
        row(PLAN_OF_UNKNOWN_SERVICE, HttpStatus.BAD_REQUEST, "serviceIds", "serviceIds[%s]", null);
        row(UNKNOWN_PLAN, HttpStatus.BAD_REQUEST, "payment.planId", null, "unknownPlan");
        invalid(PLAN_OF_OTHER_CONTACT, "payment.planId");
        invalid(PLAN_NOT_FOR_SERVICE, "payment.planId");
        conflict(CREDITS_EXHAUSTED, "credits");
    }

    private RuleProblems() {
    }

    private static void invalid(Rule rule, String field) {
        row(rule, HttpStatus.BAD_REQUEST, field, null, null);
    }

    private static void conflict(Rule rule, String reason) {
        row(rule, HttpStatus.CONFLICT, null, null, reason);
    }

    private static void notFound(Rule rule) {
        row(rule, HttpStatus.NOT_FOUND, null, null, null);
    }

    private static void row(Rule rule, HttpStatus status, String field, String fieldAt, String reason) {
        if (TABLE.put(rule, new Row(status, field, fieldAt, reason)) != null) {
            throw new IllegalStateException("Two rows for rule " + rule);
        }
    }

    /** The row of {@code rule}; every rule has one (a test checks). */
    public static Row row(Rule rule) {
        Row row = TABLE.get(rule);
        if (row == null) {
            throw new IllegalStateException("No problem mapping for rule " + rule);
        }
        return row;
    }

    /** Every reason word a rule's refusal carries (the API description lists them). */
    public static java.util.SortedSet<String> reasons() {
        java.util.SortedSet<String> reasons = new java.util.TreeSet<>();
        TABLE.values().stream().map(Row::reason).filter(java.util.Objects::nonNull).forEach(reasons::add);
        return reasons;
    }

    /** The problem a client reads for {@code violation}: status, detail, and the field and reason of its rule. */
    public static ProblemDetail problem(RuleViolation violation) {
        Row row = row(violation.rule());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(row.status(), violation.getMessage());
        if (row.reason() != null) {
            problem.setProperty("reason", row.reason());
        }
        String field = row.fieldFor(violation.at());
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}

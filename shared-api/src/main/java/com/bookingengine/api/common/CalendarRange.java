package com.bookingengine.api.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The dates the engine deals in: years {@value #FIRST_YEAR} to {@value #LAST_YEAR}. Session and booking times,
 * coupon expiry and weekly recurrences outside it are mistakes (a year 0, a year +99999), refused before they are
 * written rather than carried into every calendar computation after.
 */
public final class CalendarRange {

    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2200;

    /** The first instant in range (inclusive). */
    public static final Instant EARLIEST = LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    /** The first instant after the range (exclusive). */
    public static final Instant END = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    /** The last instant in range. */
    public static final Instant LATEST = END.minusNanos(1);

    private CalendarRange() {
    }

    /** Why {@code value} lies outside the range, or empty when it lies within (or is null). */
    public static Optional<String> problem(Instant value) {
        return value == null || (!value.isBefore(EARLIEST) && value.isBefore(END)) ? Optional.empty()
                : Optional.of(outside());
    }

    /** Why {@code value} lies outside the range, or empty when it lies within (or is null). */
    public static Optional<String> problem(LocalDate value) {
        return value == null || (value.getYear() >= FIRST_YEAR && value.getYear() <= LAST_YEAR) ? Optional.empty()
                : Optional.of(outside());
    }

    public static Instant check(String what, Instant value) {
        problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(what + " " + problem);
        });
        return value;
    }

    public static LocalDate check(String what, LocalDate value) {
        problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(what + " " + problem);
        });
        return value;
    }

    private static String outside() {
        return "must lie in the years " + FIRST_YEAR + " to " + LAST_YEAR + " (UTC)";
    }
}

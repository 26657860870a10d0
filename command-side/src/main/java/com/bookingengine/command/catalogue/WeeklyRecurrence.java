package com.bookingengine.command.catalogue;


import com.bookingengine.api.rules.RuleViolation;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static com.bookingengine.api.rules.Rule.*;

/**
 * A weekly class schedule in local time ("Tuesdays 18:00-19:00 from 1 Dec to 1 Mar") and the sessions it
 * puts on the time line of one zone. Pure: no clock, no Axon.
 * <p>
 * Daylight saving: a start time that does not exist on a date (the clock jumps over it) gives no session that
 * day; a start time that exists twice (the clock falls back over it) gives one session, at the earlier offset.
 * An end time is resolved the same way, a non-existent one shifted by the length of the gap, so a session keeps
 * its wall-clock length.
 */
public record WeeklyRecurrence(Set<DayOfWeek> days, LocalTime start, LocalTime end, LocalDate from,
                               LocalDate until) {

    public static final int MAX_OCCURRENCES = 1000;

    private static final DateTimeFormatter ID_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    /** Checks the fields on their own; what a zone makes of them is checked by {@link #occurrencesIn}. */
    public WeeklyRecurrence {
        if (days == null || days.isEmpty() || days.stream().anyMatch(Objects::isNull)) {
            throw new RuleViolation(RECURRENCE_DAYS_REQUIRED, "At least one day of the week is required");
        }
        if (start == null) {
            throw new RuleViolation(RECURRENCE_START_REQUIRED, "A start time of day is required");
        }
        if (end == null || !end.isAfter(start)) {
            throw new RuleViolation(RECURRENCE_ENDS_BEFORE_START, "The end time of day must be after the start time");
        }
        if (from == null) {
            throw new RuleViolation(RECURRENCE_FROM_REQUIRED, "A first date is required");
        }
        if (until == null || until.isBefore(from)) {
            throw new RuleViolation(RECURRENCE_UNTIL_BEFORE_FROM, "The last date must not be before the first date");
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    }

    /** One session of the recurrence: its local date and start time, and its instants. */
    public record Occurrence(LocalDateTime localStart, Instant start, Instant end) {

        /** {@code <serviceId>-<yyyyMMdd>-<HHmm>}: the same recurrence always yields the same ids. */
        public String sessionId(String serviceId) {
            return serviceId + "-" + ID_SUFFIX.format(localStart);
        }
    }

    /**
     * The sessions in {@code zone}, in start order. Refuses a recurrence with no session at all or with more
     * than {@value #MAX_OCCURRENCES}.
     */
    public List<Occurrence> occurrencesIn(ZoneId zone) {
        List<Occurrence> occurrences = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(until); date = date.plusDays(1)) {
            if (!days.contains(date.getDayOfWeek())) {
                continue;
            }
            LocalDateTime localStart = date.atTime(start);
            if (zone.getRules().getValidOffsets(localStart).isEmpty()) {
                continue; // spring forward: this start time does not exist today
            }
            // ZonedDateTime.of takes the earlier offset in an overlap and shifts a time in a gap forward.
            Instant startAt = ZonedDateTime.of(localStart, zone).toInstant();
            Instant endAt = ZonedDateTime.of(date.atTime(end), zone).toInstant();
            occurrences.add(new Occurrence(localStart, startAt, endAt));
            if (occurrences.size() > MAX_OCCURRENCES) {
                throw new RuleViolation(RECURRENCE_TOO_MANY_SESSIONS,
                        "The recurrence gives more than " + MAX_OCCURRENCES
                        + " sessions; choose an earlier last date");
            }
        }
        if (occurrences.isEmpty()) {
            throw new RuleViolation(RECURRENCE_GIVES_NO_SESSION,
                    "None of the days " + days + " between " + from + " and "
                    + until + " has the start time " + start + " in " + zone + "; the recurrence gives no session");
        }
        return List.copyOf(occurrences);
    }
}

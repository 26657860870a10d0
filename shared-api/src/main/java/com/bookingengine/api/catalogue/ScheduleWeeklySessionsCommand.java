package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.CalendarRange;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;

/**
 * Adds the sessions of a weekly recurrence to a class: every date from {@code from} to {@code until} (inclusive)
 * whose day is one of {@code days}, from {@code start} to {@code end} local time in the service's time zone.
 * {@code capacity} null means the service's default.
 */
public record ScheduleWeeklySessionsCommand(@TargetAggregateIdentifier String serviceId, Set<DayOfWeek> days,
                                            LocalTime start, LocalTime end, LocalDate from, LocalDate until,
                                            Integer capacity) {

    public ScheduleWeeklySessionsCommand {
        PlainText.check("serviceId", serviceId, InputLimits.ID);
        CalendarRange.check("from", from);
        CalendarRange.check("until", until);
    }
}

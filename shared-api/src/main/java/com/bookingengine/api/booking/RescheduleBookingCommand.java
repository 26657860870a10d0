package com.bookingengine.api.booking;

import com.bookingengine.api.common.CalendarRange;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves a confirmed booking: a class booking to another session of its service ({@code sessionId}), an appointment
 * to another slot ({@code start} and {@code end}), with the provider it has when that one is free then, else another
 * free one, or the {@code providerId} named. Courses cannot be rescheduled.
 */
public record RescheduleBookingCommand(@TargetAggregateIdentifier String bookingId, String sessionId, Instant start,
                                       Instant end, Long expectedRevision, String providerId) {

    public RescheduleBookingCommand {
        PlainText.check("bookingId", bookingId, InputLimits.ID);
        PlainText.check("sessionId", sessionId, InputLimits.ID);
        PlainText.check("providerId", providerId, InputLimits.ID);
        CalendarRange.check("start", start);
        CalendarRange.check("end", end);
    }

    /** A move that names no provider. */
    public RescheduleBookingCommand(String bookingId, String sessionId, Instant start, Instant end,
                                    Long expectedRevision) {
        this(bookingId, sessionId, start, end, expectedRevision, null);
    }
}

package com.bookingengine.api.booking;

import com.bookingengine.api.common.CalendarRange;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves a confirmed booking: a class booking to another session of its service ({@code sessionId}), an appointment
 * to another slot ({@code start} and {@code end}). Courses cannot be rescheduled.
 */
public record RescheduleBookingCommand(@TargetAggregateIdentifier String bookingId, String sessionId, Instant start,
                                       Instant end, Long expectedRevision) {

    public RescheduleBookingCommand {
        PlainText.check("bookingId", bookingId, InputLimits.ID);
        PlainText.check("sessionId", sessionId, InputLimits.ID);
        CalendarRange.check("start", start);
        CalendarRange.check("end", end);
    }
}

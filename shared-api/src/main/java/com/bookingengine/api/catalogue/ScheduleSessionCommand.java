package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.CalendarRange;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Adds one session to a class; {@code capacity} null means the service's default. */
public record ScheduleSessionCommand(@TargetAggregateIdentifier String serviceId, String sessionId,
                                     Instant start, Instant end, Integer capacity) {

    public ScheduleSessionCommand {
        PlainText.check("serviceId", serviceId, InputLimits.ID);
        PlainText.check("sessionId", sessionId, InputLimits.ID);
        CalendarRange.check("start", start);
        CalendarRange.check("end", end);
    }
}

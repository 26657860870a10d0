package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.CalendarRange;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import java.time.Instant;

/** A class session to schedule; {@code capacity} null means the service's default. */
public record SessionSpec(String sessionId, Instant start, Instant end, Integer capacity) {

    public SessionSpec {
        PlainText.check("sessionId", sessionId, InputLimits.ID);
        CalendarRange.check("start", start);
        CalendarRange.check("end", end);
    }
}

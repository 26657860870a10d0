package com.bookingengine.api.booking;

import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelBookingCommand(@TargetAggregateIdentifier String bookingId, Long expectedRevision, String reason,
                                   CancelRequester requestedBy) {

    public CancelBookingCommand {
        PlainText.check("bookingId", bookingId, InputLimits.ID);
        PlainText.check("reason", reason, InputLimits.REASON);
    }
}

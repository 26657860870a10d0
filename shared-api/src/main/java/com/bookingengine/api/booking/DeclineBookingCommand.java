package com.bookingengine.api.booking;

import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Owner's decision on a booking awaiting approval. {@code expectedRevision} null means "any". */
public record DeclineBookingCommand(@TargetAggregateIdentifier String bookingId, Long expectedRevision, String reason) {

    public DeclineBookingCommand {
        PlainText.check("bookingId", bookingId, InputLimits.ID);
        PlainText.check("reason", reason, InputLimits.REASON);
    }
}

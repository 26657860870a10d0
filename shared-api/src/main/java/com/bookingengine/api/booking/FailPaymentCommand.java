package com.bookingengine.api.booking;

import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The online payment of a booking in checkout failed: the booking is canceled and its seat freed. */
public record FailPaymentCommand(@TargetAggregateIdentifier String bookingId, Long expectedRevision, String reason) {

    public FailPaymentCommand {
        PlainText.check("bookingId", bookingId, InputLimits.ID);
        PlainText.check("reason", reason, InputLimits.REASON);
    }
}

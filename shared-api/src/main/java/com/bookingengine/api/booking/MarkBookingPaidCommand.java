package com.bookingengine.api.booking;

import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The owner records that an in-person booking was paid. */
public record MarkBookingPaidCommand(@TargetAggregateIdentifier String bookingId, Long expectedRevision) {

    public MarkBookingPaidCommand {
        PlainText.check("bookingId", bookingId, InputLimits.ID);
    }
}

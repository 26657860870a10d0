package com.bookingengine.api.booking;

import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes how many participants a seat-holding booking brings. */
public record ChangeParticipantsCommand(@TargetAggregateIdentifier String bookingId, int participants,
                                        Long expectedRevision) {

    public ChangeParticipantsCommand {
        PlainText.check("bookingId", bookingId, InputLimits.ID);
    }
}

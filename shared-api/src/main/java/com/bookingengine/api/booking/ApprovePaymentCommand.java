package com.bookingengine.api.booking;

import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payment provider approved the online payment of a booking in checkout. */
public record ApprovePaymentCommand(@TargetAggregateIdentifier String bookingId, String transactionId,
                                    Long expectedRevision) {

    public ApprovePaymentCommand {
        PlainText.check("bookingId", bookingId, InputLimits.ID);
        PlainText.check("transactionId", transactionId, InputLimits.TRANSACTION_ID);
    }
}

package com.bookingengine.api.booking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payment provider approved the online payment of a booking in checkout. */
public record ApprovePaymentCommand(@TargetAggregateIdentifier String bookingId, String transactionId,
                                    Long expectedRevision) {
}

package com.bookingengine.api.booking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The online payment of a booking in checkout failed: the booking is canceled and its seat freed. */
public record FailPaymentCommand(@TargetAggregateIdentifier String bookingId, Long expectedRevision, String reason) {
}

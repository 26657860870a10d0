package com.bookingengine.api.booking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Owner's decision on a booking awaiting approval. {@code expectedRevision} null means "any". */
public record DeclineBookingCommand(@TargetAggregateIdentifier String bookingId, Long expectedRevision, String reason) {
}

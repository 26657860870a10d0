package com.bookingengine.api.booking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The owner records that an in-person booking was paid. */
public record MarkBookingPaidCommand(@TargetAggregateIdentifier String bookingId, Long expectedRevision) {
}

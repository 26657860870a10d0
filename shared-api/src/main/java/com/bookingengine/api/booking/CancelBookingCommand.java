package com.bookingengine.api.booking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelBookingCommand(@TargetAggregateIdentifier String bookingId, Long expectedRevision, String reason,
                                   CancelRequester requestedBy) {
}

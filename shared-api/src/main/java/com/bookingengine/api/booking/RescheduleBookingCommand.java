package com.bookingengine.api.booking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves a confirmed class booking to another session of the same service. */
public record RescheduleBookingCommand(@TargetAggregateIdentifier String bookingId, String sessionId,
                                       Long expectedRevision) {
}

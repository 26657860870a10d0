package com.bookingengine.api.booking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes how many participants a seat-holding booking brings. */
public record ChangeParticipantsCommand(@TargetAggregateIdentifier String bookingId, int participants,
                                        Long expectedRevision) {
}

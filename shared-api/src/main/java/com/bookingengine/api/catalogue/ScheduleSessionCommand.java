package com.bookingengine.api.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Adds one session to a class; {@code capacity} null means the service's default. */
public record ScheduleSessionCommand(@TargetAggregateIdentifier String serviceId, String sessionId,
                                     Instant start, Instant end, Integer capacity) {
}

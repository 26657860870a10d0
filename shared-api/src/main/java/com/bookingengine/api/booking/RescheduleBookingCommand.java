package com.bookingengine.api.booking;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves a confirmed booking: a class booking to another session of its service ({@code sessionId}), an appointment
 * to another slot ({@code start} and {@code end}). Courses cannot be rescheduled.
 */
public record RescheduleBookingCommand(@TargetAggregateIdentifier String bookingId, String sessionId, Instant start,
                                       Instant end, Long expectedRevision) {
}

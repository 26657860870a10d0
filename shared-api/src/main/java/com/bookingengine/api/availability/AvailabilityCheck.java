package com.bookingengine.api.availability;

/**
 * The answer of {@code POST /availability/check}. {@code reason} says why not, when not: {@code full},
 * {@code tooLateToBook}, {@code tooEarlyToBook}, {@code tooManyParticipants} or {@code unknownSession}.
 */
public record AvailabilityCheck(boolean available, int openSpots, String reason) {
}

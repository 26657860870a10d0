package com.bookingengine.command.booking;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a booking sits on the time line: a class session or a course's seat pool ({@code sessionId}) or an
 * appointment (no session) of the provider {@code providerId}, from {@code start} to {@code end}. A place a client
 * asks for names a provider only when the client does (null: any available); a booking's place names the provider
 * it got (null: the implicit provider of a service that lists none).
 */
record Place(String sessionId, Instant start, Instant end, String providerId) {

    Place(String sessionId, Instant start, Instant end) {
        this(sessionId, start, end, null);
    }

    /** The same place, of the provider named. */
    Place of(String provider) {
        return new Place(sessionId, start, end, provider);
    }

    /** How the place is named in messages. */
    String describe() {
        return sessionId != null ? "Session " + sessionId + " starts at " + start
                : "The appointment " + start + " to " + end + " starts at " + start;
    }

    /** Whether a booking at {@code current} already sits where this wish asks (a wish naming no provider takes any). */
    boolean isMetBy(Place current) {
        return Objects.equals(sessionId, current.sessionId) && Objects.equals(start, current.start)
                && Objects.equals(end, current.end) && (providerId == null || providerId.equals(current.providerId));
    }
}

package com.bookingengine.command.booking;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a booking sits on the time line: a class session or a course's seat pool ({@code sessionId}) or an
 * appointment (no session), from {@code start} to {@code end}.
 */
record Place(String sessionId, Instant start, Instant end) {

    /** How the place is named in messages. */
    String describe() {
        return sessionId != null ? "Session " + sessionId + " starts at " + start
                : "The appointment " + start + " to " + end + " starts at " + start;
    }

    boolean sameAs(String otherSessionId, Instant otherStart, Instant otherEnd) {
        return Objects.equals(sessionId, otherSessionId) && Objects.equals(start, otherStart)
                && Objects.equals(end, otherEnd);
    }
}

package com.bookingengine.api.catalogue;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The fixed set of sessions of a course, each with its own times, all covered by the one seat pool
 * {@code courseId} (scheduled just before by a {@link SessionScheduledEvent} spanning the first start to the last end).
 */
@Revision("1")
public record CourseSessionsScheduledEvent(String courseId, String serviceId, List<Meeting> sessions) {

    /** One dated session of a course. */
    public record Meeting(String sessionId, Instant start, Instant end) {
    }
}

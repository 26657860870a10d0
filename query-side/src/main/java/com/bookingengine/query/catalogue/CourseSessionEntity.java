package com.bookingengine.query.catalogue;

import com.bookingengine.api.catalogue.CourseSessionsScheduledEvent;
import com.bookingengine.api.catalogue.SessionView;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One dated session of a course in the catalogue read model. Its id is the client's label, unique within the course
 * only, so the row is keyed by course and label; the course's capacity is shown on each.
 */
@Entity
@Table(name = "catalogue_course_session", indexes = @Index(name = "catalogue_course_session_service",
        columnList = "serviceId,startAt"))
class CourseSessionEntity {

    @Id
    private String rowId;
    private String sessionId;
    private String serviceId;
    private Instant startAt;
    private Instant endAt;

    protected CourseSessionEntity() {
    }

    CourseSessionEntity(CourseSessionsScheduledEvent event, CourseSessionsScheduledEvent.Meeting meeting) {
        rowId = event.courseId() + "/" + meeting.sessionId();
        sessionId = meeting.sessionId();
        serviceId = event.serviceId();
        startAt = meeting.start();
        endAt = meeting.end();
    }

    String serviceId() {
        return serviceId;
    }

    SessionView toView(int courseCapacity) {
        return new SessionView(sessionId, startAt, endAt, courseCapacity);
    }
}

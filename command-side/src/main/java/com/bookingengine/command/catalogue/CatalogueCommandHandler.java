package com.bookingengine.command.catalogue;

import com.bookingengine.api.catalogue.CourseSessionsScheduledEvent;
import com.bookingengine.api.catalogue.CreateServiceCommand;
import com.bookingengine.api.catalogue.ScheduleSessionCommand;
import com.bookingengine.api.catalogue.ScheduleWeeklySessionsCommand;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.SessionSpec;
import com.bookingengine.api.catalogue.UpdateServiceCommand;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.capacity.ClassSession;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.bookingengine.api.rules.Rule.*;
import static com.bookingengine.command.Aggregates.exists;

/**
 * Creates services and their sessions and replaces services' terms. A service and the sessions it is created with,
 * like all sessions of one weekly recurrence, are written in one unit of work: a client never sees a class without
 * the sessions it asked for, nor half a recurrence.
 */
@Component
public class CatalogueCommandHandler {

    private final Repository<BookableService> services;
    private final Repository<ClassSession> sessions;

    public CatalogueCommandHandler(Repository<BookableService> services, Repository<ClassSession> sessions) {
        this.services = services;
        this.sessions = sessions;
    }

    /** Answers the ids of the sessions created with the service, in the order given. */
    @CommandHandler
    public List<String> handle(CreateServiceCommand command) throws Exception {
        if (exists(services, command.serviceId())) {
            throw new RuleViolation(ALREADY_EXISTS, "Service " + command.serviceId() + " already exists");
        }
        services.newInstance(() -> new BookableService(command));
        List<String> ids = new ArrayList<>();
        List<SessionSpec> specs = command.sessions() == null ? List.of() : command.sessions();
        if (command.type() == ServiceType.COURSE) {
            return scheduleCourse(command, specs);
        }
        for (int i = 0; i < specs.size(); i++) {
            SessionSpec spec = specs.get(i);
            int capacity = spec.capacity() == null ? command.capacity() : spec.capacity();
            ids.add(schedule(spec.sessionId(), command.serviceId(), spec, capacity, i));
        }
        return ids;
    }

    /**
     * A course's sessions are its fixed set, with one seat pool for all of them (capacity counts per course). Answers
     * the sessions' ids; the pool's id ({@code serviceId:course}) is what bookings and availability name.
     */
    private List<String> scheduleCourse(CreateServiceCommand command, List<SessionSpec> specs) throws Exception {
        List<CourseSessionsScheduledEvent.Meeting> meetings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            SessionSpec spec = specs.get(i);
            if (spec.start() == null || spec.end() == null || !spec.end().isAfter(spec.start())) {
                throw new RuleViolation(SESSION_ENDS_BEFORE_START, "A session must end after it starts").at(i);
            }
            if (spec.capacity() != null) {
                throw new RuleViolation(COURSE_CAPACITY_PER_COURSE, "A course's capacity counts per "
                        + "course, not per session: give 'capacity' on the service").at(i);
            }
            if (!seen.add(spec.sessionId())) {
                throw new RuleViolation(COURSE_SESSION_IDS_REPEAT, "Session ids of a course must differ").at(i);
            }
            meetings.add(new CourseSessionsScheduledEvent.Meeting(spec.sessionId(), spec.start(), spec.end()));
        }
        meetings.sort(Comparator.comparing(CourseSessionsScheduledEvent.Meeting::start));
        String courseId = ClassSession.courseId(command.serviceId());
        if (exists(sessions, courseId)) {
            throw new RuleViolation(ALREADY_EXISTS, "Course " + courseId + " already exists");
        }
        sessions.newInstance(() -> ClassSession.course(command.serviceId(), meetings, command.capacity()));
        return meetings.stream().map(CourseSessionsScheduledEvent.Meeting::sessionId).toList();
    }

    @CommandHandler
    public String handle(ScheduleSessionCommand command) throws Exception {
        Aggregate<BookableService> service = load(command.serviceId());
        service.execute(BookableService::checkAcceptsSessions);
        int capacity = command.capacity() == null ? service.invoke(BookableService::defaultCapacity) : command.capacity();
        SessionSpec spec = new SessionSpec(command.sessionId(), command.start(), command.end(), capacity);
        return schedule(command.sessionId(), command.serviceId(), spec, capacity, null);
    }

    /**
     * Creates every session of a weekly recurrence in this one unit of work, or none: a session id that exists
     * already (the same recurrence sent twice) is refused before anything is created.
     */
    @CommandHandler
    public List<String> handle(ScheduleWeeklySessionsCommand command) throws Exception {
        Aggregate<BookableService> service = load(command.serviceId());
        WeeklyRecurrence recurrence = new WeeklyRecurrence(command.days(), command.start(), command.end(),
                command.from(), command.until());
        List<WeeklyRecurrence.Occurrence> occurrences = service.invoke(s -> s.sessionsOf(recurrence));
        int capacity = command.capacity() == null ? service.invoke(BookableService::defaultCapacity) : command.capacity();
        List<String> ids = occurrences.stream().map(o -> o.sessionId(command.serviceId())).toList();
        for (String id : ids) {
            if (exists(sessions, id)) {
                throw new RuleViolation(ALREADY_EXISTS, "Session " + id + " already exists; this recurrence "
                        + "was scheduled before, or overlaps one that was");
            }
        }
        for (int i = 0; i < occurrences.size(); i++) {
            WeeklyRecurrence.Occurrence o = occurrences.get(i);
            String id = ids.get(i);
            sessions.newInstance(() -> new ClassSession(id, command.serviceId(), o.start(), o.end(), capacity));
        }
        return ids;
    }

    /** Replaces a service's terms for bookings made from now on. */
    @CommandHandler
    public String handle(UpdateServiceCommand command) throws Exception {
        load(command.serviceId()).execute(s -> s.update(command));
        return command.serviceId();
    }

    private Aggregate<BookableService> load(String serviceId) {
        try {
            return services.load(serviceId);
        } catch (AggregateNotFoundException e) {
            throw new RuleViolation(SERVICE_NOT_FOUND, "Service " + serviceId + " does not exist");
        }
    }

    /** Schedules one session; {@code index} is its position among the sessions a new service was sent with, or null. */
    private String schedule(String sessionId, String serviceId, SessionSpec spec, int capacity, Integer index)
            throws Exception {
        if (exists(sessions, sessionId)) {
            throw new RuleViolation(ALREADY_EXISTS, "Session " + sessionId + " already exists");
        }
        try {
            sessions.newInstance(() -> new ClassSession(sessionId, serviceId, spec.start(), spec.end(), capacity));
        } catch (RuleViolation e) {
            throw index == null ? e : e.at(index);
        }
        return sessionId;
    }
}

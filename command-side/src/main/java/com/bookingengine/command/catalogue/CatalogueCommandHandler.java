package com.bookingengine.command.catalogue;

import com.bookingengine.api.catalogue.CourseSessionsScheduledEvent;
import com.bookingengine.api.catalogue.CreateServiceCommand;
import com.bookingengine.api.catalogue.ScheduleSessionCommand;
import com.bookingengine.api.catalogue.ScheduleWeeklySessionsCommand;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.SessionSpec;
import com.bookingengine.api.catalogue.UpdateServiceCommand;
import com.bookingengine.command.capacity.ClassSession;
import com.bookingengine.platform.error.ConflictException;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.error.NotFoundException;
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
            throw new ConflictException("duplicate", "Service " + command.serviceId() + " already exists");
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
            ids.add(schedule(spec.sessionId(), command.serviceId(), spec, capacity, "sessions[" + i + "]."));
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
                throw new InvalidInputException("sessions[" + i + "].end", "A session must end after it starts");
            }
            if (spec.capacity() != null) {
                throw new InvalidInputException("sessions[" + i + "].capacity", "A course's capacity counts per "
                        + "course, not per session: give 'capacity' on the service");
            }
            if (!seen.add(spec.sessionId())) {
                throw new InvalidInputException("sessions[" + i + "].sessionId", "Session ids of a course must differ");
            }
            meetings.add(new CourseSessionsScheduledEvent.Meeting(spec.sessionId(), spec.start(), spec.end()));
        }
        meetings.sort(Comparator.comparing(CourseSessionsScheduledEvent.Meeting::start));
        String courseId = ClassSession.courseId(command.serviceId());
        if (exists(sessions, courseId)) {
            throw new ConflictException("duplicate", "Course " + courseId + " already exists");
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
        return schedule(command.sessionId(), command.serviceId(), spec, capacity, "");
    }

    /**
     * Creates every session of a weekly recurrence in this one unit of work, or none: a session id that exists
     * already (the same recurrence sent twice) is a 409 before anything is created.
     */
    @CommandHandler
    public List<String> handle(ScheduleWeeklySessionsCommand command) throws Exception {
        Aggregate<BookableService> service = load(command.serviceId());
        List<WeeklyRecurrence.Occurrence> occurrences;
        try {
            WeeklyRecurrence recurrence = new WeeklyRecurrence(command.days(), command.start(), command.end(),
                    command.from(), command.until());
            occurrences = service.invoke(s -> s.sessionsOf(recurrence));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("weekly." + e.field(), e.getMessage());
        }
        int capacity = command.capacity() == null ? service.invoke(BookableService::defaultCapacity) : command.capacity();
        List<String> ids = occurrences.stream().map(o -> o.sessionId(command.serviceId())).toList();
        for (String id : ids) {
            if (exists(sessions, id)) {
                throw new ConflictException("duplicate", "Session " + id + " already exists; this recurrence "
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
            throw new NotFoundException("Service " + serviceId + " does not exist");
        }
    }

    private String schedule(String sessionId, String serviceId, SessionSpec spec, int capacity, String fieldPrefix)
            throws Exception {
        if (exists(sessions, sessionId)) {
            throw new ConflictException("duplicate", "Session " + sessionId + " already exists");
        }
        try {
            sessions.newInstance(() -> new ClassSession(sessionId, serviceId, spec.start(), spec.end(), capacity));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(fieldPrefix + e.field(), e.getMessage());
        }
        return sessionId;
    }
}

package com.bookingengine.command.catalogue;

import com.bookingengine.api.catalogue.CreateServiceCommand;
import com.bookingengine.api.catalogue.ScheduleSessionCommand;
import com.bookingengine.api.catalogue.SessionSpec;
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
import java.util.List;

/**
 * Creates services and their sessions. A service and the sessions it is created with are written in one unit of
 * work: a client never sees a class without the sessions it asked for.
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
        for (int i = 0; i < specs.size(); i++) {
            SessionSpec spec = specs.get(i);
            int capacity = spec.capacity() == null ? command.capacity() : spec.capacity();
            ids.add(schedule(spec.sessionId(), command.serviceId(), spec, capacity, "sessions[" + i + "]."));
        }
        return ids;
    }

    @CommandHandler
    public String handle(ScheduleSessionCommand command) throws Exception {
        Aggregate<BookableService> service;
        try {
            service = services.load(command.serviceId());
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException("Service " + command.serviceId() + " does not exist");
        }
        service.execute(BookableService::checkAcceptsSessions);
        int capacity = command.capacity() == null ? service.invoke(BookableService::defaultCapacity) : command.capacity();
        SessionSpec spec = new SessionSpec(command.sessionId(), command.start(), command.end(), capacity);
        return schedule(command.sessionId(), command.serviceId(), spec, capacity, "");
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

    private static boolean exists(Repository<?> repository, String id) {
        try {
            repository.load(id);
            return true;
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }
}

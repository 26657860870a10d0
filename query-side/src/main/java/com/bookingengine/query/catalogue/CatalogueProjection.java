package com.bookingengine.query.catalogue;

import com.bookingengine.api.catalogue.CourseSessionsScheduledEvent;
import com.bookingengine.api.catalogue.FindServiceQuery;
import com.bookingengine.api.catalogue.ListServicesQuery;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceList;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.catalogue.ServiceView;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import com.bookingengine.api.catalogue.SessionView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The catalogue read model ({@code GET /services}, {@code GET /services/{id}}). */
@Component
@ProcessingGroup(CatalogueProjection.PROCESSING_GROUP)
public class CatalogueProjection {

    public static final String PROCESSING_GROUP = "catalogue";

    private final ServiceEntityRepository services;
    private final SessionEntityRepository sessions;
    private final CourseSessionEntityRepository courseSessions;

    CatalogueProjection(ServiceEntityRepository services, SessionEntityRepository sessions,
                        CourseSessionEntityRepository courseSessions) {
        this.services = services;
        this.sessions = sessions;
        this.courseSessions = courseSessions;
    }

    @EventHandler
    void on(ServiceCreatedEvent event) {
        services.save(new ServiceEntity(event));
    }

    @EventHandler
    void on(ServiceUpdatedEvent event) {
        ServiceEntity service = services.findById(event.serviceId()).orElseThrow(() -> new IllegalStateException(
                "Service " + event.serviceId() + " was updated before it was created in this read model"));
        service.update(event);
        services.save(service);
    }

    /** A class session; a course's seat pool is no session of its own (its dated sessions are listed instead). */
    @EventHandler
    void on(SessionScheduledEvent event) {
        boolean course = services.findById(event.serviceId()).map(s -> s.type() == ServiceType.COURSE).orElse(false);
        if (!course) {
            sessions.save(new SessionEntity(event));
        }
    }

    @EventHandler
    void on(CourseSessionsScheduledEvent event) {
        courseSessions.saveAll(event.sessions().stream().map(m -> new CourseSessionEntity(event, m)).toList());
    }

    @ResetHandler
    void reset() {
        courseSessions.deleteAllInBatch();
        sessions.deleteAllInBatch();
        services.deleteAllInBatch();
    }

    @QueryHandler
    Optional<ServiceView> handle(FindServiceQuery query) {
        return services.findById(query.serviceId()).map(s -> withSessions(List.of(s)).get(0));
    }

    @QueryHandler
    ServiceList handle(ListServicesQuery query) {
        return new ServiceList(withSessions(services.findAllByOrderByNameAscServiceIdAsc()));
    }

    private List<ServiceView> withSessions(List<ServiceEntity> found) {
        List<String> ids = found.stream().map(ServiceEntity::serviceId).toList();
        Map<String, Integer> courseCapacity = found.stream().filter(s -> s.type() == ServiceType.COURSE)
                .collect(Collectors.toMap(ServiceEntity::serviceId, ServiceEntity::capacity));
        Map<String, List<SessionView>> byService = sessions.findByServiceIdInOrderByStartAtAsc(ids).stream()
                .collect(Collectors.groupingBy(SessionEntity::serviceId,
                        Collectors.mapping(SessionEntity::toView, Collectors.toList())));
        if (!courseCapacity.isEmpty()) {
            byService.putAll(courseSessions.findByServiceIdInOrderByStartAtAsc(courseCapacity.keySet()).stream()
                    .collect(Collectors.groupingBy(CourseSessionEntity::serviceId, Collectors.mapping(
                            c -> c.toView(courseCapacity.get(c.serviceId())), Collectors.toList()))));
        }
        return found.stream().map(s -> s.toView(byService.getOrDefault(s.serviceId(), List.of()))).toList();
    }
}

package com.bookingengine.query.catalogue;

import com.bookingengine.api.catalogue.FindServiceQuery;
import com.bookingengine.api.catalogue.ListServicesQuery;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceList;
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

    CatalogueProjection(ServiceEntityRepository services, SessionEntityRepository sessions) {
        this.services = services;
        this.sessions = sessions;
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

    @EventHandler
    void on(SessionScheduledEvent event) {
        sessions.save(new SessionEntity(event));
    }

    @ResetHandler
    void reset() {
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
        Map<String, List<SessionView>> byService = sessions
                .findByServiceIdInOrderByStartAtAsc(found.stream().map(ServiceEntity::serviceId).toList()).stream()
                .collect(Collectors.groupingBy(SessionEntity::serviceId,
                        Collectors.mapping(SessionEntity::toView, Collectors.toList())));
        return found.stream().map(s -> s.toView(byService.getOrDefault(s.serviceId(), List.of()))).toList();
    }
}

package com.bookingengine.query.catalogue;

import com.bookingengine.api.catalogue.SessionScheduledEvent;
import com.bookingengine.api.catalogue.SessionView;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.time.Instant;

/** A class session in the catalogue read model, owned by {@link CatalogueProjection}. */
@Entity
@Table(name = "catalogue_session", indexes = @Index(name = "catalogue_session_service", columnList = "serviceId,startAt"))
class SessionEntity {

    @Id
    private String sessionId;
    private String serviceId;
    private Instant startAt;
    private Instant endAt;
    private int capacity;

    protected SessionEntity() {
    }

    SessionEntity(SessionScheduledEvent event) {
        sessionId = event.sessionId();
        serviceId = event.serviceId();
        startAt = event.start();
        endAt = event.end();
        capacity = event.capacity();
    }

    String serviceId() {
        return serviceId;
    }

    SessionView toView() {
        return new SessionView(sessionId, startAt, endAt, capacity);
    }
}

package com.bookingengine.query.availability;

import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.ServiceType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** What the availability read model knows of a service: its kind and the policy slots are judged by. */
@Entity
@Table(name = "availability_service")
class AvailabilityService {

    @Id
    String serviceId;
    @Enumerated(EnumType.STRING)
    ServiceType type;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 1000)
    BookingPolicy policy;

    protected AvailabilityService() {
    }

    AvailabilityService(String serviceId, ServiceType type, BookingPolicy policy) {
        this.serviceId = serviceId;
        this.type = type;
        this.policy = policy;
    }
}

/** Seats of one class session: capacity and how many are held. */
@Entity
@Table(name = "availability_session", indexes = @Index(name = "availability_session_service",
        columnList = "serviceId,startAt"))
class AvailabilitySession {

    @Id
    String sessionId;
    String serviceId;
    Instant startAt;
    Instant endAt;
    int capacity;
    int reserved;
    /** Bookings on the session's waitlist (the default lets a schema update add the column to filled tables). */
    @ColumnDefault("0")
    int waitlisted;

    protected AvailabilitySession() {
    }

    AvailabilitySession(String sessionId, String serviceId, Instant start, Instant end, int capacity) {
        this.sessionId = sessionId;
        this.serviceId = serviceId;
        this.startAt = start;
        this.endAt = end;
        this.capacity = capacity;
    }
}

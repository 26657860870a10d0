package com.bookingengine.query.availability;

import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.TimeRange;
import com.bookingengine.query.ProjectionRow;
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

/**
 * What the availability read model knows of a service: its kind, the policy slots are judged by and, for an
 * appointment service, its time zone and working hours (the columns default so a schema update can add them).
 */
@Entity
@Table(name = "availability_service")
class AvailabilityService extends ProjectionRow {

    @Id
    String serviceId;
    @Enumerated(EnumType.STRING)
    ServiceType type;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 1000)
    BookingPolicy policy;
    String timeZone;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 200_000) // with its providers' own hours; bounded by the 64 KiB request body
    AppointmentSchedule schedule;

    protected AvailabilityService() {
        super(false);
    }

    @Override
    public String getId() {
        return serviceId;
    }

    AvailabilityService(String serviceId, ServiceType type, BookingPolicy policy, String timeZone,
                        AppointmentSchedule schedule) {
        super(true);
        this.serviceId = serviceId;
        this.type = type;
        this.policy = policy;
        this.timeZone = timeZone;
        this.schedule = schedule;
    }
}

/**
 * Time of an appointment provider held by one booking on one local date: the appointment and its buffer, as the
 * provider day's aggregate reserved it. Blocks of one provider never overlap; {@code providerId} null is the implicit
 * provider of a service that lists none (every block written before providers existed).
 */
@Entity
@Table(name = "availability_block", indexes = @Index(name = "availability_block_service",
        columnList = "serviceId,fromAt"))
class AvailabilityBlock extends ProjectionRow {

    @Id
    String blockId;
    String serviceId;
    String providerId;
    Instant fromAt;
    Instant toAt;

    protected AvailabilityBlock() {
        super(false);
    }

    AvailabilityBlock(String dayId, String serviceId, String providerId, String bookingId, Instant from, Instant to) {
        super(true);
        this.blockId = id(dayId, bookingId);
        this.serviceId = serviceId;
        this.providerId = providerId;
        this.fromAt = from;
        this.toAt = to;
    }

    @Override
    public String getId() {
        return blockId;
    }

    static String id(String dayId, String bookingId) {
        return dayId + "/" + bookingId;
    }

}

/**
 * What availability reads of a service, selected as values (never managed entities, so nothing is copied for a dirty
 * check or flushed when the query's transaction ends).
 */
record ServiceTerms(String serviceId, ServiceType type, BookingPolicy policy, String timeZone,
                    AppointmentSchedule schedule) {
}

/** What availability reads of a session row. */
record SessionSeats(String sessionId, Instant startAt, Instant endAt, int capacity, int reserved, int waitlisted) {
}

/** What availability reads of a block row: whose time it holds and when. */
record HeldTime(String providerId, Instant fromAt, Instant toAt) {

    /** The provider's time this block holds (a booking's slot and buffer, within one day). */
    TimeRange time() {
        return new TimeRange(fromAt, toAt);
    }
}

/** Seats of one class session or one course (its single slot): capacity and how many are held. */
@Entity
@Table(name = "availability_session", indexes = @Index(name = "availability_session_service",
        columnList = "serviceId,startAt"))
class AvailabilitySession extends ProjectionRow {

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
        super(false);
    }

    @Override
    public String getId() {
        return sessionId;
    }

    AvailabilitySession(String sessionId, String serviceId, Instant start, Instant end, int capacity) {
        super(true);
        this.sessionId = sessionId;
        this.serviceId = serviceId;
        this.startAt = start;
        this.endAt = end;
        this.capacity = capacity;
    }
}

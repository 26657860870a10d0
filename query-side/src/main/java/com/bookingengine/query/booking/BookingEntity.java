package com.bookingengine.query.booking;

import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingParticipantsChangedEvent;
import com.bookingengine.api.booking.BookingPromotedEvent;
import com.bookingengine.api.booking.BookingRescheduledEvent;
import com.bookingengine.api.booking.BookingStateChange;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingView;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.platform.jpa.JdbcInstants;
import com.bookingengine.platform.jpa.JsonParameters;
import com.bookingengine.query.ProjectionRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * One row per booking, owned by {@link BookingProjection}. Written cheaply, as a projection writes thousands a second
 * during a replay: a new booking is inserted without first looking for it ({@link ProjectionRow}), an update
 * writes only the columns that changed ({@link DynamicUpdate}), and the JSON columns are never copied or compared
 * as JSON: their values are immutable (records, and a map never changed in place), so they are replaced, not edited.
 */
@Entity
@DynamicUpdate
@Table(name = "booking_view", indexes = {
        @Index(name = "booking_view_status", columnList = "status"),
        @Index(name = "booking_view_service", columnList = "serviceId,startAt"),
        @Index(name = "booking_view_provider", columnList = "providerId,startAt"),
        @Index(name = "booking_view_contact", columnList = "contactId"),
        @Index(name = "booking_view_start", columnList = "startAt")})
class BookingEntity extends ProjectionRow {

    /** A new row, as {@link #bindInsert} fills it: the columns Hibernate maps from the fields below. */
    static final String INSERT = "insert into booking_view (booking_id, service_id, service_name, service_type,"
            + " session_id, provider_id, start_at, end_at, participants, status, payment_status, waitlisted,"
            + " contact_id, contact, form_info, payment, revision, created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Id
    private String bookingId;
    private String serviceId;
    private String serviceName;
    @Enumerated(EnumType.STRING)
    private ServiceType serviceType;
    private String sessionId;
    /** The appointment provider the booking holds (null: none named; the implicit provider of an appointment). */
    private String providerId;
    private Instant startAt;
    private Instant endAt;
    private int participants;
    @Enumerated(EnumType.STRING)
    private BookingStatus status;
    @Enumerated(EnumType.STRING)
    private PaymentStatus paymentStatus;
    private boolean waitlisted;
    private String contactId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 4000)
    @Mutability(Immutability.class)
    private ContactDetails contact;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 110_000)
    @Mutability(Immutability.class)
    private Map<String, String> formInfo;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 4000)
    @Mutability(Immutability.class)
    private PaymentDetails payment;
    private long revision;
    private Instant createdAt;
    private Instant updatedAt;

    protected BookingEntity() {
        super(false);
    }

    /** A booking as its creation event describes it; {@code sequence} is the event's sequence number. */
    BookingEntity(BookingCreatedEvent event, long sequence, Instant at) {
        super(true);
        this.bookingId = event.bookingId();
        this.serviceId = event.serviceId();
        this.serviceName = event.serviceName();
        this.serviceType = event.serviceType();
        this.sessionId = event.sessionId();
        this.providerId = event.providerId();
        this.startAt = event.start();
        this.endAt = event.end();
        this.participants = event.participants();
        this.contact = event.contact();
        this.contactId = event.contact() == null ? null : event.contact().contactId();
        this.formInfo = event.formInfo();
        this.payment = event.payment();
        this.waitlisted = event.waitlisted();
        this.createdAt = at;
        apply(event, sequence, at);
    }

    @Override
    public String getId() {
        return bookingId;
    }

    /** Every lifecycle event says where the booking stands after it; the revision counts the booking's events. */
    void apply(BookingStateChange event, long sequence, Instant at) {
        if (event instanceof BookingRescheduledEvent rescheduled) {
            this.sessionId = rescheduled.sessionId();
            this.providerId = rescheduled.providerId();
            this.startAt = rescheduled.start();
            this.endAt = rescheduled.end();
        } else if (event instanceof BookingParticipantsChangedEvent changed) {
            this.participants = changed.participants();
            this.payment = payment.withPrices(changed.price(), changed.finalPrice());
        }
        if (event instanceof BookingPromotedEvent || event.status() != BookingStatus.PENDING) {
            this.waitlisted = false; // promoted, or canceled / declined while waiting
        }
        this.status = event.status();
        this.paymentStatus = event.paymentStatus();
        this.revision = sequence + 1;
        this.updatedAt = at;
    }

    /** The sequence number of the last event applied (its revision counts from 1). */
    long lastSequence() {
        return revision - 1;
    }

    /** Binds this row to {@link #INSERT}'s parameters, each value as Hibernate writes its field. */
    void bindInsert(PreparedStatement insert, JsonParameters json) throws SQLException {
        insert.setString(1, bookingId);
        insert.setString(2, serviceId);
        insert.setString(3, serviceName);
        insert.setString(4, name(serviceType));
        insert.setString(5, sessionId);
        insert.setString(6, providerId);
        JdbcInstants.bind(insert, 7, startAt);
        JdbcInstants.bind(insert, 8, endAt);
        insert.setInt(9, participants);
        insert.setString(10, name(status));
        insert.setString(11, name(paymentStatus));
        insert.setBoolean(12, waitlisted);
        insert.setString(13, contactId);
        json.bind(insert, 14, contact, ContactDetails.class);
        json.bind(insert, 15, formInfo, Map.class);
        json.bind(insert, 16, payment, PaymentDetails.class);
        insert.setLong(17, revision);
        JdbcInstants.bind(insert, 18, createdAt);
        JdbcInstants.bind(insert, 19, updatedAt);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    BookingView toView() {
        return new BookingView(bookingId, serviceId, serviceName, serviceType, sessionId, providerId, startAt, endAt, participants,
                status, paymentStatus, waitlisted, contact, formInfo, payment, revision, createdAt, updatedAt);
    }
}

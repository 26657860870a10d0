package com.bookingengine.query.booking;

import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingView;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.ContactDetails;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/** One row per booking, owned by {@link BookingProjection}. */
@Entity
@Table(name = "booking_view", indexes = {
        @Index(name = "booking_view_status", columnList = "status"),
        @Index(name = "booking_view_service", columnList = "serviceId,startAt"),
        @Index(name = "booking_view_contact", columnList = "contactId"),
        @Index(name = "booking_view_start", columnList = "startAt")})
class BookingEntity {

    @Id
    private String bookingId;
    private String serviceId;
    private String serviceName;
    @Enumerated(EnumType.STRING)
    private ServiceType serviceType;
    private String sessionId;
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
    private ContactDetails contact;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 110_000)
    private Map<String, String> formInfo;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 4000)
    private PaymentDetails payment;
    private long revision;
    private Instant createdAt;
    private Instant updatedAt;

    protected BookingEntity() {
    }

    BookingEntity(String bookingId, String serviceId, String serviceName, ServiceType serviceType, String sessionId,
                  Instant start, Instant end, int participants, ContactDetails contact, Map<String, String> formInfo,
                  PaymentDetails payment, boolean waitlisted, Instant createdAt) {
        this.bookingId = bookingId;
        this.serviceId = serviceId;
        this.serviceName = serviceName;
        this.serviceType = serviceType;
        this.sessionId = sessionId;
        this.startAt = start;
        this.endAt = end;
        this.participants = participants;
        this.contact = contact;
        this.contactId = contact == null ? null : contact.contactId();
        this.formInfo = formInfo;
        this.payment = payment;
        this.waitlisted = waitlisted;
        this.createdAt = createdAt;
    }

    void moveTo(BookingStatus status, PaymentStatus paymentStatus, long revision, Instant at) {
        this.status = status;
        this.paymentStatus = paymentStatus;
        this.revision = revision;
        this.updatedAt = at;
    }

    BookingView toView() {
        return new BookingView(bookingId, serviceId, serviceName, serviceType, sessionId, startAt, endAt, participants,
                status, paymentStatus, waitlisted, contact, formInfo, payment, revision, createdAt, updatedAt);
    }
}

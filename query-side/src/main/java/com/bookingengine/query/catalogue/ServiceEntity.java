package com.bookingengine.query.catalogue;

import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceTerms;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceView;
import com.bookingengine.api.catalogue.SessionView;
import com.bookingengine.api.common.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.List;
import java.util.Set;

/** A service in the catalogue read model, owned by {@link CatalogueProjection}. */
@Entity
@Table(name = "catalogue_service")
class ServiceEntity {

    @Id
    private String serviceId;
    private String name;
    @Enumerated(EnumType.STRING)
    private ServiceType type;
    private String timeZone;
    @Column(length = 500)
    private String location;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 200)
    private Money price;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 200)
    private Set<PaymentOption> paymentOptions;
    private boolean requiresApproval;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 20_000)
    private List<FormField> formFields;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 1000)
    private BookingPolicy policy;
    private int capacity;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 200_000) // with its providers' own hours; bounded by the 64 KiB request body
    private AppointmentSchedule schedule;

    protected ServiceEntity() {
    }

    ServiceEntity(ServiceCreatedEvent event) {
        serviceId = event.serviceId();
        type = event.type();
        timeZone = event.timeZone();
        update(event);
    }

    /** The terms of a creation or an update; type and time zone never change. */
    void update(ServiceTerms terms) {
        name = terms.name();
        location = terms.location();
        price = terms.price();
        paymentOptions = terms.paymentOptions();
        requiresApproval = terms.requiresApproval();
        formFields = terms.formFields();
        policy = terms.policy();
        capacity = terms.capacity();
        schedule = terms.schedule();
    }

    String serviceId() {
        return serviceId;
    }

    ServiceType type() {
        return type;
    }

    int capacity() {
        return capacity;
    }

    ServiceView toView(List<SessionView> sessions) {
        return new ServiceView(serviceId, name, type, timeZone, location, price, paymentOptions, requiresApproval,
                formFields, policy, capacity, sessions, schedule == null ? null : schedule.workingHours(),
                schedule == null ? null : schedule.slotMinutes(), schedule == null ? null : schedule.providers());
    }
}

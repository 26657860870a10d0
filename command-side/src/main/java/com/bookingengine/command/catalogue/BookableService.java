package com.bookingengine.command.catalogue;

import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.CreateServiceCommand;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.catalogue.UpdateServiceCommand;
import com.bookingengine.api.common.Money;
import com.bookingengine.platform.error.InvalidInputException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A bookable service in the catalogue: what it costs, how it is paid, and the policy its bookings follow.
 * Sessions are aggregates of their own ({@code ClassSession}) so that bookings of different sessions never
 * contend for one lock or one event stream.
 */
@Aggregate
public class BookableService {

    @AggregateIdentifier
    private String serviceId;
    private String name;
    private ServiceType type;
    private String timeZone;
    private Money price;
    private Set<PaymentOption> paymentOptions;
    private boolean requiresApproval;
    private List<FormField> formFields;
    private BookingPolicy policy;
    private int capacity;

    protected BookableService() {
        // for Axon
    }

    BookableService(CreateServiceCommand command) {
        if (command.type() != ServiceType.CLASS) {
            // Appointments and courses arrive with their own capacity owners (provider day, course seats).
            throw new InvalidInputException("type", "Only CLASS services can be created so far; "
                    + command.type() + " is not supported yet");
        }
        try {
            ZoneId.of(command.timeZone());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "'" + command.timeZone() + "' is not an IANA time zone");
        }
        checkTerms(command.paymentOptions(), command.capacity(), command.formFields(), command.policy());
        apply(new ServiceCreatedEvent(command.serviceId(), command.name().trim(), command.type(),
                command.timeZone(), command.location(), command.price(), Set.copyOf(command.paymentOptions()),
                command.requiresApproval(), command.formFields() == null ? List.of() : List.copyOf(command.formFields()),
                command.policy() == null ? BookingPolicy.defaults() : command.policy(), command.capacity()));
    }

    /**
     * Replaces the terms new bookings copy. Bookings already made keep their snapshot, sessions already scheduled
     * their capacity; the type and the time zone (which the sessions' local times were computed in) stay.
     */
    void update(UpdateServiceCommand command) {
        if (command.type() != null && command.type() != type) {
            throw new InvalidInputException("type", "Service " + serviceId + " is a " + type
                    + "; the type of a service cannot change");
        }
        if (command.timeZone() != null && !command.timeZone().equals(timeZone)) {
            throw new InvalidInputException("timeZone", "Service " + serviceId + " is in " + timeZone
                    + "; the time zone of a service cannot change");
        }
        if (command.name() == null || command.name().isBlank()) {
            throw new InvalidInputException("name", "A name is required");
        }
        if (command.price() == null) {
            throw new InvalidInputException("price", "A price is required (zero means free)");
        }
        checkTerms(command.paymentOptions(), command.capacity(), command.formFields(), command.policy());
        apply(new ServiceUpdatedEvent(serviceId, command.name().trim(), command.location(), command.price(),
                Set.copyOf(command.paymentOptions()), command.requiresApproval(),
                command.formFields() == null ? List.of() : List.copyOf(command.formFields()),
                command.policy() == null ? BookingPolicy.defaults() : command.policy(), command.capacity()));
    }

    private static void checkTerms(Set<PaymentOption> paymentOptions, int capacity, List<FormField> formFields,
                                   BookingPolicy p) {
        if (paymentOptions == null || paymentOptions.isEmpty()) {
            throw new InvalidInputException("paymentOptions", "At least one payment option is required");
        }
        if (capacity < 1) {
            throw new InvalidInputException("capacity", "capacity must be at least 1");
        }
        if (formFields != null) {
            Set<String> names = new HashSet<>();
            for (FormField field : formFields) {
                if (field == null || field.name() == null || field.name().isBlank() || !names.add(field.name())) {
                    throw new InvalidInputException("formFields", "Each form field needs a distinct, non-blank name");
                }
            }
        }
        if (p != null && (p.minNoticeMinutes() < 0 || p.maxAdvanceDays() < 1 || p.cancellationWindowMinutes() < 0
                || p.maxParticipantsPerBooking() < 1 || p.waitlistCapacity() < 0 || p.bufferMinutes() < 0
                || p.checkoutTimeoutMinutes() < 1)) {
            throw new InvalidInputException("policy", "policy minutes and counts must not be negative; "
                    + "maxAdvanceDays, maxParticipantsPerBooking and checkoutTimeoutMinutes must be at least 1");
        }
    }

    /** Sessions can be added to classes only (appointments have working hours, courses a fixed set). */
    void checkAcceptsSessions() {
        if (type != ServiceType.CLASS) {
            throw new InvalidInputException("serviceId", "Service " + serviceId + " is a " + type
                    + "; only classes take sessions");
        }
    }

    /** The sessions of a weekly recurrence, placed in this service's time zone. */
    List<WeeklyRecurrence.Occurrence> sessionsOf(WeeklyRecurrence recurrence) {
        checkAcceptsSessions();
        return recurrence.occurrencesIn(ZoneId.of(timeZone));
    }

    int defaultCapacity() {
        return capacity;
    }

    /** What a booking made now copies and keeps, whatever happens to the catalogue later. */
    public ServiceSnapshot snapshot() {
        return new ServiceSnapshot(serviceId, name, type, Set.copyOf(paymentOptions), formFields,
                new BookingTerms(timeZone, price, requiresApproval, policy));
    }

    @EventSourcingHandler
    void on(ServiceCreatedEvent event) {
        serviceId = event.serviceId();
        name = event.name();
        type = event.type();
        timeZone = event.timeZone();
        price = event.price();
        paymentOptions = event.paymentOptions();
        requiresApproval = event.requiresApproval();
        formFields = event.formFields();
        policy = event.policy();
        capacity = event.capacity();
    }

    @EventSourcingHandler
    void on(ServiceUpdatedEvent event) {
        name = event.name();
        price = event.price();
        paymentOptions = event.paymentOptions();
        requiresApproval = event.requiresApproval();
        formFields = event.formFields();
        policy = event.policy();
        capacity = event.capacity();
    }
}

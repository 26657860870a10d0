package com.bookingengine.command.catalogue;

import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.CreateServiceCommand;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.Provider;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceTerms;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.catalogue.UpdateServiceCommand;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.caching.CacheNames;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.bookingengine.api.rules.Rule.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A bookable service in the catalogue: what it costs, how it is paid, the policy its bookings follow and, for an
 * appointment service, its working hours. Seats live elsewhere so that bookings never contend for the service's
 * lock or event stream: a class session's and a course's in a {@code ClassSession}, an appointment provider's
 * time in one {@code ProviderDay} per local date.
 */
@Aggregate(cache = CacheNames.SERVICES)
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
    private AppointmentSchedule schedule;

    protected BookableService() {
        // for Axon
    }

    BookableService(CreateServiceCommand command) {
        if (command.type() == null) {
            throw new RuleViolation(TYPE_REQUIRED, "A type is required: APPOINTMENT, CLASS or COURSE");
        }
        checkSchedule(command.type(), command.schedule(), command.capacity());
        checkSessions(command.type(), command.sessions());
        try {
            ZoneId.of(command.timeZone());
        } catch (DateTimeException e) {
            throw new RuleViolation(UNKNOWN_TIME_ZONE, "'" + command.timeZone() + "' is not an IANA time zone");
        }
        checkTerms(command.paymentOptions(), command.capacity(), command.formFields(), command.policy());
        apply(new ServiceCreatedEvent(command.serviceId(), command.name().trim(), command.type(),
                command.timeZone(), command.location(), command.price(), Set.copyOf(command.paymentOptions()),
                command.requiresApproval(), command.formFields() == null ? List.of() : List.copyOf(command.formFields()),
                command.policy() == null ? BookingPolicy.defaults() : command.policy(), command.capacity(),
                command.schedule()));
    }

    /**
     * An appointment service has working hours and its providers (each serving one booking at a time: capacity 1;
     * none listed is one implicit provider); the others have neither.
     */
    private static void checkSchedule(ServiceType type, AppointmentSchedule schedule, int capacity) {
        if (type != ServiceType.APPOINTMENT) {
            if (schedule != null && !schedule.providers().isEmpty()) {
                throw new RuleViolation(PROVIDERS_ONLY_FOR_APPOINTMENTS, "Providers are for APPOINTMENT services; a "
                        + type + " has sessions and their capacity");
            }
            if (schedule != null) {
                throw new RuleViolation(WORKING_HOURS_ONLY_FOR_APPOINTMENTS, "Working hours and slotMinutes are for "
                        + "APPOINTMENT services; a " + type + " has sessions");
            }
            return;
        }
        if (schedule == null) {
            throw new RuleViolation(WORKING_HOURS_REQUIRED, "An APPOINTMENT service needs working hours");
        }
        schedule.problem().ifPresent(problem -> {
            throw new RuleViolation(problem.startsWith("slotMinutes") ? SLOT_LENGTH_OUT_OF_RANGE
                    : problem.startsWith("providers") ? PROVIDERS_INVALID : WORKING_HOURS_INVALID, problem);
        });
        if (capacity != 1) {
            throw new RuleViolation(APPOINTMENT_CAPACITY_IS_ONE, "Each provider of an APPOINTMENT service serves one "
                    + "booking at a time: capacity is 1 (list more providers for more at once)");
        }
    }

    /** Appointments take no sessions; a course is created with its whole, fixed set. */
    private static void checkSessions(ServiceType type, List<?> sessions) {
        boolean none = sessions == null || sessions.isEmpty();
        if (type == ServiceType.APPOINTMENT && !none) {
            throw new RuleViolation(APPOINTMENT_TAKES_NO_SESSIONS,
                    "An APPOINTMENT service has working hours, not sessions");
        }
        if (type == ServiceType.COURSE && none) {
            throw new RuleViolation(COURSE_NEEDS_SESSIONS, "A COURSE is created with its fixed set of sessions");
        }
    }

    /**
     * Replaces the terms new bookings copy. Bookings already made keep their snapshot and their times, sessions
     * already scheduled (and a course's seats) their capacity; the type and the time zone (which the sessions'
     * local times were computed in) stay. An appointment service's working hours stay unless new ones are given.
     */
    void update(UpdateServiceCommand command) {
        if (command.type() != null && command.type() != type) {
            throw new RuleViolation(TYPE_FIXED, "Service " + serviceId + " is a " + type
                    + "; the type of a service cannot change");
        }
        if (command.timeZone() != null && !command.timeZone().equals(timeZone)) {
            throw new RuleViolation(TIME_ZONE_FIXED, "Service " + serviceId + " is in " + timeZone
                    + "; the time zone of a service cannot change");
        }
        if (command.name() == null || command.name().isBlank()) {
            throw new RuleViolation(NAME_REQUIRED, "A name is required");
        }
        if (command.price() == null) {
            throw new RuleViolation(PRICE_REQUIRED, "A price is required (zero means free)");
        }
        int newCapacity = command.capacity() == null ? capacity : command.capacity(); // left out: unchanged
        if (type == ServiceType.COURSE && newCapacity != capacity) {
            throw new RuleViolation(COURSE_CAPACITY_FIXED, "Course " + serviceId + " has " + capacity
                    + " seats, fixed when it was created; its capacity cannot change");
        }
        checkTerms(command.paymentOptions(), newCapacity, command.formFields(), command.policy());
        AppointmentSchedule newSchedule = command.schedule() == null ? schedule
                : command.schedule().workingHours().isEmpty() && schedule != null
                ? new AppointmentSchedule(schedule.workingHours(), command.schedule().slotMinutes(), schedule.providers())
                : new AppointmentSchedule(command.schedule().workingHours(), command.schedule().slotMinutes(),
                schedule == null ? List.of() : schedule.providers());
        if (command.providers() != null) {
            if (newSchedule == null) {
                throw new RuleViolation(PROVIDERS_ONLY_FOR_APPOINTMENTS, "Providers are for APPOINTMENT services; a "
                        + type + " has sessions and their capacity");
            }
            newSchedule = new AppointmentSchedule(newSchedule.workingHours(), newSchedule.slotMinutes(),
                    staffing(newSchedule.providers(), command.providers()));
        }
        checkSchedule(type, newSchedule, newCapacity);
        apply(new ServiceUpdatedEvent(serviceId, command.name().trim(), command.location(), command.price(),
                Set.copyOf(command.paymentOptions()), command.requiresApproval(),
                command.formFields() == null ? List.of() : List.copyOf(command.formFields()),
                command.policy() == null ? BookingPolicy.defaults() : command.policy(), newCapacity, newSchedule));
    }

    /**
     * The providers after an update that lists {@code working}: those, at work, in the order given, then every
     * provider listed before and left out now, retired (it keeps its bookings and takes no new ones). The implicit
     * provider of a service that listed none is retired the same way, by the list no longer being empty.
     */
    private static List<Provider> staffing(List<Provider> before, List<Provider> working) {
        if (working.isEmpty()) {
            throw new RuleViolation(PROVIDERS_INVALID, "providers: list at least one provider; leave providers out "
                    + "to keep them as they are");
        }
        List<Provider> after = new ArrayList<>(working.stream().map(p -> p.retired(false)).toList());
        Set<String> listed = new HashSet<>();
        working.forEach(p -> listed.add(p.providerId()));
        before.stream().filter(p -> !listed.contains(p.providerId())).map(p -> p.retired(true)).forEach(after::add);
        return after;
    }

    private static void checkTerms(Set<PaymentOption> paymentOptions, int capacity, List<FormField> formFields,
                                   BookingPolicy p) {
        if (paymentOptions == null || paymentOptions.isEmpty()) {
            throw new RuleViolation(PAYMENT_OPTIONS_REQUIRED, "At least one payment option is required");
        }
        if (capacity < 1) {
            throw new RuleViolation(CAPACITY_BELOW_ONE, "capacity must be at least 1");
        }
        if (formFields != null) {
            Set<String> names = new HashSet<>();
            for (FormField field : formFields) {
                if (field == null || field.name() == null || field.name().isBlank() || !names.add(field.name())) {
                    throw new RuleViolation(FORM_FIELD_NAMES_NOT_DISTINCT,
                            "Each form field needs a distinct, non-blank name");
                }
            }
        }
        if (p != null && (p.minNoticeMinutes() < 0 || p.maxAdvanceDays() < 1 || p.cancellationWindowMinutes() < 0
                || p.maxParticipantsPerBooking() < 1 || p.waitlistCapacity() < 0 || p.bufferMinutes() < 0
                || p.checkoutTimeoutMinutes() < 1)) {
            throw new RuleViolation(POLICY_OUT_OF_RANGE, "policy minutes and counts must not be negative; "
                    + "maxAdvanceDays, maxParticipantsPerBooking and checkoutTimeoutMinutes must be at least 1");
        }
    }

    /** Sessions can be added to classes only (appointments have working hours, courses a fixed set). */
    void checkAcceptsSessions() {
        if (type != ServiceType.CLASS) {
            throw new RuleViolation(SESSIONS_ONLY_FOR_CLASSES, "Service " + serviceId + " is a " + type
                    + "; only classes take sessions" + (type == ServiceType.COURSE
                    ? " (a course keeps the fixed set it was created with)" : " (appointments have working hours)"));
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
                new BookingTerms(timeZone, price, requiresApproval, policy), schedule);
    }

    @EventSourcingHandler
    void on(ServiceCreatedEvent event) {
        serviceId = event.serviceId();
        type = event.type();
        timeZone = event.timeZone();
        takeTerms(event);
    }

    @EventSourcingHandler
    void on(ServiceUpdatedEvent event) {
        takeTerms(event);
    }

    private void takeTerms(ServiceTerms terms) {
        name = terms.name();
        price = terms.price();
        paymentOptions = terms.paymentOptions();
        requiresApproval = terms.requiresApproval();
        formFields = terms.formFields();
        policy = terms.policy();
        capacity = terms.capacity();
        schedule = terms.schedule();
    }
}

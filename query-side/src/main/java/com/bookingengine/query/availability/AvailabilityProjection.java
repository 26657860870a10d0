package com.bookingengine.query.availability;

import com.bookingengine.api.availability.Availability;
import com.bookingengine.api.availability.AvailabilityCheck;
import com.bookingengine.api.availability.AvailabilityQuery;
import com.bookingengine.api.availability.CheckAvailabilityQuery;
import com.bookingengine.api.availability.PolicyViolations;
import com.bookingengine.api.availability.Slot;
import com.bookingengine.api.booking.AppointmentTimeReleasedEvent;
import com.bookingengine.api.booking.AppointmentTimeReservedEvent;
import com.bookingengine.api.booking.SeatsReleasedEvent;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.booking.WaitlistJoinedEvent;
import com.bookingengine.api.booking.WaitlistLeftEvent;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.PlaceShape;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What can be booked ({@code GET /availability}, {@code POST /availability/check}), kept from the seat events of
 * the session aggregates (a class's sessions, a course's one pool) and the time events of the provider days
 * (appointments), so a query reads rows and never replays events. Appointment slots are computed per query from the
 * service's working hours ({@link AppointmentSchedule}, the same code the command side checks bookings with) minus
 * the blocks of time bookings hold.
 */
@Component
@ProcessingGroup(AvailabilityProjection.PROCESSING_GROUP)
public class AvailabilityProjection {

    public static final String PROCESSING_GROUP = "availability";

    private final AvailabilityServiceRepository services;
    private final AvailabilitySessionRepository sessions;
    private final AvailabilityBlockRepository blocks;

    AvailabilityProjection(AvailabilityServiceRepository services, AvailabilitySessionRepository sessions,
                           AvailabilityBlockRepository blocks) {
        this.services = services;
        this.sessions = sessions;
        this.blocks = blocks;
    }

    @EventHandler
    void on(ServiceCreatedEvent event) {
        services.save(new AvailabilityService(event.serviceId(), event.type(), event.policy(), event.timeZone(),
                event.schedule()));
    }

    /** Slots are judged by the service's current policy; sessions keep their capacity. */
    @EventHandler
    void on(ServiceUpdatedEvent event) {
        AvailabilityService service = services.findById(event.serviceId()).orElseThrow(() -> new IllegalStateException(
                "Service " + event.serviceId() + " was updated before it was created in this read model"));
        service.policy = event.policy();
        service.schedule = event.schedule();
        services.save(service);
    }

    @EventHandler
    void on(SessionScheduledEvent event) {
        sessions.save(new AvailabilitySession(event.sessionId(), event.serviceId(), event.start(), event.end(),
                event.capacity()));
    }

    @EventHandler
    void on(SeatsReservedEvent event) {
        changed(event.sessionId(), sessions.addReserved(event.sessionId(), event.participants()));
    }

    @EventHandler
    void on(SeatsReleasedEvent event) {
        changed(event.sessionId(), sessions.addReserved(event.sessionId(), -event.participants()));
    }

    @EventHandler
    void on(WaitlistJoinedEvent event) {
        changed(event.sessionId(), sessions.addWaitlisted(event.sessionId(), 1));
    }

    @EventHandler
    void on(WaitlistLeftEvent event) {
        changed(event.sessionId(), sessions.addWaitlisted(event.sessionId(), -1));
    }

    @EventHandler
    void on(AppointmentTimeReservedEvent event) {
        blocks.save(new AvailabilityBlock(event.dayId(), event.serviceId(), event.bookingId(), event.from(),
                event.to()));
    }

    @EventHandler
    void on(AppointmentTimeReleasedEvent event) {
        blocks.deleteById(AvailabilityBlock.id(event.dayId(), event.bookingId()));
    }

    @ResetHandler
    void reset() {
        blocks.deleteAllInBatch();
        sessions.deleteAllInBatch();
        services.deleteAllInBatch();
    }

    /** Empty when the service is unknown. Full sessions and taken slots stay in the answer, not bookable. */
    @QueryHandler
    Optional<Availability> handle(AvailabilityQuery query) {
        return services.findById(query.serviceId()).map(service -> new Availability(
                service.type == ServiceType.APPOINTMENT ? appointmentSlots(service, query)
                        : sessions.findByServiceIdAndStartAtGreaterThanEqualAndStartAtLessThanOrderByStartAtAscSessionIdAsc(
                                query.serviceId(), query.from(), query.to())
                        .stream()
                        .map(session -> slot(session, service.policy, query))
                        .toList()));
    }

    /**
     * Empty when the service is unknown; otherwise the same verdict as the slot in {@link AvailabilityQuery}. A class
     * names its session, an appointment its start and end, a course nothing (or its one slot's id); the wrong
     * shape for the service's type breaks the rule a booking of that shape breaks ({@link PlaceShape}).
     */
    @QueryHandler
    Optional<AvailabilityCheck> handle(CheckAvailabilityQuery query) {
        return services.findById(query.serviceId()).map(service -> {
            PlaceShape.check(service.type, query.sessionId(), query.start(), query.end());
            return switch (service.type) {
                case APPOINTMENT -> checkAppointment(service, query);
                case COURSE -> sessions.findFirstByServiceId(query.serviceId())
                        .filter(course -> query.sessionId() == null || course.sessionId.equals(query.sessionId()))
                        .map(course -> checkSession(course, service, query))
                        .orElse(new AvailabilityCheck(false, 0, "unknownSession"));
                case CLASS -> sessions.findById(query.sessionId())
                        .filter(session -> session.serviceId.equals(query.serviceId()))
                        .map(session -> checkSession(session, service, query))
                        .orElse(new AvailabilityCheck(false, 0, "unknownSession"));
            };
        });
    }

    private static AvailabilityCheck checkSession(AvailabilitySession session, AvailabilityService service,
                                                  CheckAvailabilityQuery query) {
        return verdict(slot(session, service.policy, new AvailabilityQuery(query.serviceId(), session.startAt,
                session.startAt, query.participants(), query.now())), service.policy, query.participants());
    }

    private AvailabilityCheck checkAppointment(AvailabilityService service, CheckAvailabilityQuery query) {
        return appointmentSlots(service, new AvailabilityQuery(query.serviceId(), query.start(),
                query.start().plusSeconds(1), query.participants(), query.now())).stream()
                .filter(slot -> slot.start().equals(query.start()) && slot.end().equals(query.end()))
                .findFirst()
                .map(slot -> verdict(slot, service.policy, query.participants()))
                .orElse(new AvailabilityCheck(false, 0, "notASlot"));
    }

    /**
     * The service's slots starting in the query's window, each free when the time it would hold (its end plus the
     * current buffer, {@link BookingPolicy#heldTime}) overlaps no block of time already held: the provider day's test
     * for a new booking. Blocks never overlap, so sorted by start they are sorted by end too, and one sweep serves
     * all slots: a block ending by a slot's start can hold up no later slot.
     */
    private List<Slot> appointmentSlots(AvailabilityService service, AvailabilityQuery query) {
        ZoneId zone = ZoneId.of(service.timeZone);
        List<AppointmentSchedule.TimeSlot> grid = service.schedule.slotsStartingIn(query.from(), query.to(), zone);
        if (grid.isEmpty()) {
            return List.of();
        }
        BookingPolicy policy = service.policy;
        List<AvailabilityBlock> held = blocks.findByServiceIdAndToAtGreaterThanAndFromAtLessThanOrderByFromAtAsc(
                service.serviceId, grid.get(0).start(), policy.heldUntil(grid.get(grid.size() - 1).end()));
        List<Slot> slots = new ArrayList<>(grid.size());
        int next = 0;
        for (AppointmentSchedule.TimeSlot time : grid) {
            while (next < held.size() && !held.get(next).toAt.isAfter(time.start())) {
                next++;
            }
            boolean taken = next < held.size()
                    && held.get(next).time().overlaps(policy.heldTime(time.start(), time.end()));
            slots.add(appointmentSlot(time, taken, service.policy, query));
        }
        return slots;
    }

    private static Slot appointmentSlot(AppointmentSchedule.TimeSlot time, boolean taken, BookingPolicy policy,
                                        AvailabilityQuery query) {
        PolicyViolations violations = violations(time.start(), policy, query.now());
        boolean bookable = !taken && !violations.tooEarlyToBook() && !violations.tooLateToBook()
                && policy.allowsParticipants(query.participants());
        return new Slot(time.start(), time.end(), null, taken ? 0 : 1, 1, bookable, 0, violations);
    }

    private static PolicyViolations violations(Instant start, BookingPolicy policy, Instant now) {
        return new PolicyViolations(policy.tooEarlyToBook(start, now), policy.tooLateToBook(start, now));
    }

    private static AvailabilityCheck verdict(Slot slot, BookingPolicy policy, int participants) {
        String reason = slot.bookable() ? null
                : slot.policyViolations().tooLateToBook() ? "tooLateToBook"
                : slot.policyViolations().tooEarlyToBook() ? "tooEarlyToBook"
                : !policy.allowsParticipants(participants) ? "tooManyParticipants"
                : "full";
        return new AvailabilityCheck(slot.bookable(), slot.openSpots(), reason);
    }

    private static Slot slot(AvailabilitySession session, BookingPolicy policy, AvailabilityQuery query) {
        int open = Math.max(0, session.capacity - session.reserved);
        PolicyViolations violations = violations(session.startAt, policy, query.now());
        boolean bookable = open >= query.participants() && !violations.tooLateToBook()
                && !violations.tooEarlyToBook() && policy.allowsParticipants(query.participants());
        int waitlistOpen = Math.max(0, policy.waitlistCapacity() - session.waitlisted);
        return new Slot(session.startAt, session.endAt, session.sessionId, open, session.capacity, bookable, waitlistOpen,
                violations);
    }

    private static void changed(String sessionId, int rows) {
        if (rows == 0) {
            throw new IllegalStateException(
                    "Seats of session " + sessionId + " changed before the session was scheduled in this read model");
        }
    }
}

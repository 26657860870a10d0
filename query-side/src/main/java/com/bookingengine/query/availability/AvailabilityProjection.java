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
import com.bookingengine.api.catalogue.Provider;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import com.bookingengine.api.rules.Rule;
import com.bookingengine.api.rules.RuleViolation;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    private final SeatCounters counters;
    private final AvailabilityReads reads;

    AvailabilityProjection(AvailabilityServiceRepository services, AvailabilitySessionRepository sessions,
                           AvailabilityBlockRepository blocks, SeatCounters counters, AvailabilityReads reads) {
        this.services = services;
        this.sessions = sessions;
        this.blocks = blocks;
        this.counters = counters;
        this.reads = reads;
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
        counters.scheduled(event.sessionId());
    }

    /* The seat counters change when the batch commits, summed per session (SeatCounters). */

    @EventHandler
    void on(SeatsReservedEvent event) {
        counters.add(event.sessionId(), event.participants(), 0);
    }

    @EventHandler
    void on(SeatsReleasedEvent event) {
        counters.add(event.sessionId(), -event.participants(), 0);
    }

    @EventHandler
    void on(WaitlistJoinedEvent event) {
        counters.add(event.sessionId(), 0, 1);
    }

    @EventHandler
    void on(WaitlistLeftEvent event) {
        counters.add(event.sessionId(), 0, -1);
    }

    @EventHandler
    void on(AppointmentTimeReservedEvent event) {
        blocks.save(new AvailabilityBlock(event.dayId(), event.serviceId(), event.providerId(), event.bookingId(),
                event.from(), event.to()));
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
        counters.forget();
    }

    /** Empty when the service is unknown. Full sessions and taken slots stay in the answer, not bookable. */
    @QueryHandler
    Optional<Availability> handle(AvailabilityQuery query) {
        return reads.terms(query.serviceId()).map(service -> {
            refuseProviderUnlessAppointment(service, query.providerId());
            return new Availability(service.type() == ServiceType.APPOINTMENT ? appointmentSlots(service, query)
                    : reads.seatsStartingIn(query.serviceId(), query.from(), query.to()).stream()
                    .<Slot>map(session -> slot(session, service.policy(), query))
                    .toList());
        });
    }

    /**
     * Empty when the service is unknown; otherwise the same verdict as the slot in {@link AvailabilityQuery}. A class
     * names its session, an appointment its start and end, a course nothing (or its one slot's id); the wrong
     * shape for the service's type breaks the rule a booking of that shape breaks ({@link PlaceShape}).
     */
    @QueryHandler
    Optional<AvailabilityCheck> handle(CheckAvailabilityQuery query) {
        return reads.terms(query.serviceId()).map(service -> {
            PlaceShape.check(service.type(), query.sessionId(), query.start(), query.end());
            refuseProviderUnlessAppointment(service, query.providerId());
            return switch (service.type()) {
                case APPOINTMENT -> checkAppointment(service, query);
                case COURSE -> reads.firstSeats(query.serviceId())
                        .filter(course -> query.sessionId() == null || course.sessionId().equals(query.sessionId()))
                        .map(course -> checkSession(course, service, query))
                        .orElse(new AvailabilityCheck(false, 0, "unknownSession"));
                case CLASS -> reads.seats(query.sessionId(), query.serviceId())
                        .map(session -> checkSession(session, service, query))
                        .orElse(new AvailabilityCheck(false, 0, "unknownSession"));
            };
        });
    }

    private static AvailabilityCheck checkSession(SessionSeats session, ServiceTerms service,
                                                  CheckAvailabilityQuery query) {
        return verdict(slot(session, service.policy(), new AvailabilityQuery(query.serviceId(), session.startAt(),
                session.startAt(), query.participants(), query.now())), service.policy(), query.participants());
    }

    private AvailabilityCheck checkAppointment(ServiceTerms service, CheckAvailabilityQuery query) {
        return appointmentSlots(service, new AvailabilityQuery(query.serviceId(), query.start(),
                query.start().plusSeconds(1), query.participants(), query.now(), query.providerId())).stream()
                .filter(slot -> slot.start().equals(query.start()) && slot.end().equals(query.end()))
                .findFirst()
                .map(slot -> verdict(slot, service.policy(), query.participants()))
                .orElse(new AvailabilityCheck(false, 0, "notASlot"));
    }

    /**
     * The service's slots starting in the query's window: one per start and end on the grid of at least one of its
     * active providers (only {@code providerId}'s when named), computed with each provider's own hours
     * ({@link AppointmentSchedule#of}, the command side's code). {@code totalSpots} counts those providers,
     * {@code openSpots} those of them free for it: the time it would hold (its end plus the current buffer,
     * {@link BookingPolicy#heldTime}) overlaps no block of theirs, the provider day's test for a new booking. A
     * provider's blocks never overlap, so sorted by start they are sorted by end too, and one sweep per provider
     * serves all its slots: a block ending by a slot's start can hold up no later slot.
     */
    private List<Slot> appointmentSlots(ServiceTerms service, AvailabilityQuery query) {
        ZoneId zone = ZoneId.of(service.timeZone());
        BookingPolicy policy = service.policy();
        Map<Provider, List<AppointmentSchedule.TimeSlot>> grids = new LinkedHashMap<>();
        for (Provider provider : staff(service, query.providerId())) {
            grids.put(provider, service.schedule().of(provider).slotsStartingIn(query.from(), query.to(), zone));
        }
        List<AppointmentSchedule.TimeSlot> all = grids.values().stream().flatMap(List::stream).toList();
        if (all.isEmpty()) {
            return List.of();
        }
        Instant first = all.stream().map(AppointmentSchedule.TimeSlot::start).min(Comparator.naturalOrder()).get();
        Instant last = all.stream().map(AppointmentSchedule.TimeSlot::end).max(Comparator.naturalOrder()).get();
        Map<String, List<HeldTime>> heldBy = new HashMap<>(); // the implicit provider's key is null
        reads.heldOverlapping(service.serviceId(), first, policy.heldUntil(last))
                .forEach(b -> heldBy.computeIfAbsent(b.providerId(), p -> new ArrayList<>()).add(b));
        Map<AppointmentSchedule.TimeSlot, int[]> spots = new TreeMap<>(Comparator.comparing(
                AppointmentSchedule.TimeSlot::start).thenComparing(AppointmentSchedule.TimeSlot::end));
        grids.forEach((provider, grid) -> {
            List<HeldTime> held = heldBy.getOrDefault(provider.providerId(), List.of());
            int next = 0;
            for (AppointmentSchedule.TimeSlot time : grid) {
                while (next < held.size() && !held.get(next).toAt().isAfter(time.start())) {
                    next++;
                }
                boolean taken = next < held.size()
                        && held.get(next).time().overlaps(policy.heldTime(time.start(), time.end()));
                int[] counts = spots.computeIfAbsent(time, t -> new int[2]);
                counts[0]++;
                counts[1] += taken ? 0 : 1;
            }
        });
        List<Slot> slots = new ArrayList<>(spots.size());
        spots.forEach((time, counts) -> slots.add(appointmentSlot(time, counts[1], counts[0], policy, query)));
        return slots;
    }

    /**
     * The providers availability counts: every active one, or only {@code providerId} (none when it is retired:
     * it takes no new bookings). An id the service does not know breaks the rule a booking naming it would.
     */
    private static List<Provider> staff(ServiceTerms service, String providerId) {
        if (providerId == null) {
            return service.schedule().activeStaff();
        }
        Provider provider = service.schedule().provider(providerId).orElseThrow(() -> new RuleViolation(
                Rule.UNKNOWN_PROVIDER, "Service " + service.serviceId() + " has no provider " + providerId));
        return provider.retired() ? List.of() : List.of(provider);
    }

    private static void refuseProviderUnlessAppointment(ServiceTerms service, String providerId) {
        if (providerId != null && service.type() != ServiceType.APPOINTMENT) {
            throw new RuleViolation(Rule.PROVIDER_ONLY_FOR_APPOINTMENTS, "providerId is for APPOINTMENT services; a "
                    + service.type() + " has no providers");
        }
    }

    private static Slot appointmentSlot(AppointmentSchedule.TimeSlot time, int open, int total, BookingPolicy policy,
                                        AvailabilityQuery query) {
        PolicyViolations violations = violations(time.start(), policy, query.now());
        boolean bookable = open > 0 && !violations.tooEarlyToBook() && !violations.tooLateToBook()
                && policy.allowsParticipants(query.participants());
        return new Slot(time.start(), time.end(), null, open, total, bookable, 0, violations);
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

    private static Slot slot(SessionSeats session, BookingPolicy policy, AvailabilityQuery query) {
        int open = Math.max(0, session.capacity() - session.reserved());
        PolicyViolations violations = violations(session.startAt(), policy, query.now());
        boolean bookable = open >= query.participants() && !violations.tooLateToBook()
                && !violations.tooEarlyToBook() && policy.allowsParticipants(query.participants());
        int waitlistOpen = Math.max(0, policy.waitlistCapacity() - session.waitlisted());
        return new Slot(session.startAt(), session.endAt(), session.sessionId(), open, session.capacity(), bookable,
                waitlistOpen, violations);
    }
}

package com.bookingengine.query.availability;

import com.bookingengine.api.availability.Availability;
import com.bookingengine.api.availability.AvailabilityCheck;
import com.bookingengine.api.availability.CheckAvailabilityQuery;
import com.bookingengine.api.availability.AvailabilityQuery;
import com.bookingengine.api.availability.PolicyViolations;
import com.bookingengine.api.availability.Slot;
import com.bookingengine.api.booking.SeatsReleasedEvent;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.booking.WaitlistJoinedEvent;
import com.bookingengine.api.booking.WaitlistLeftEvent;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Open spots per class session ({@code GET /availability}), kept from the seat events of the session
 * aggregates, so a query reads rows and never replays events.
 */
@Component
@ProcessingGroup(AvailabilityProjection.PROCESSING_GROUP)
public class AvailabilityProjection {

    public static final String PROCESSING_GROUP = "availability";

    private final AvailabilityServiceRepository services;
    private final AvailabilitySessionRepository sessions;

    AvailabilityProjection(AvailabilityServiceRepository services, AvailabilitySessionRepository sessions) {
        this.services = services;
        this.sessions = sessions;
    }

    @EventHandler
    void on(ServiceCreatedEvent event) {
        services.save(new AvailabilityService(event.serviceId(), event.type(), event.policy()));
    }

    /** Slots are judged by the service's current policy; sessions keep their capacity. */
    @EventHandler
    void on(ServiceUpdatedEvent event) {
        AvailabilityService service = services.findById(event.serviceId()).orElseThrow(() -> new IllegalStateException(
                "Service " + event.serviceId() + " was updated before it was created in this read model"));
        service.policy = event.policy();
        services.save(service);
    }

    @EventHandler
    void on(SessionScheduledEvent event) {
        sessions.save(new AvailabilitySession(event.sessionId(), event.serviceId(), event.start(), event.end(),
                event.capacity()));
    }

    @EventHandler
    void on(SeatsReservedEvent event) {
        session(event.sessionId()).reserved += event.participants();
    }

    @EventHandler
    void on(SeatsReleasedEvent event) {
        session(event.sessionId()).reserved -= event.participants();
    }

    @EventHandler
    void on(WaitlistJoinedEvent event) {
        session(event.sessionId()).waitlisted++;
    }

    @EventHandler
    void on(WaitlistLeftEvent event) {
        session(event.sessionId()).waitlisted--;
    }

    @ResetHandler
    void reset() {
        sessions.deleteAllInBatch();
        services.deleteAllInBatch();
    }

    /** Empty when the service is unknown. Full sessions stay in the answer, not bookable. */
    @QueryHandler
    Optional<Availability> handle(AvailabilityQuery query) {
        return services.findById(query.serviceId()).map(service -> new Availability(sessions
                .findByServiceIdAndStartAtGreaterThanEqualAndStartAtLessThanOrderByStartAtAscSessionIdAsc(
                        query.serviceId(), query.from(), query.to())
                .stream()
                .map(session -> slot(session, service.policy, query))
                .toList()));
    }

    /** Empty when the service is unknown; the same verdict as the session's slot in {@link AvailabilityQuery}. */
    @QueryHandler
    Optional<AvailabilityCheck> handle(CheckAvailabilityQuery query) {
        return services.findById(query.serviceId()).map(service -> sessions.findById(query.sessionId())
                .filter(session -> session.serviceId.equals(query.serviceId()))
                .map(session -> verdict(slot(session, service.policy, new AvailabilityQuery(query.serviceId(),
                        session.startAt, session.startAt, query.participants(), query.now())), service.policy,
                        query.participants()))
                .orElse(new AvailabilityCheck(false, 0, "unknownSession")));
    }

    private static AvailabilityCheck verdict(Slot slot, BookingPolicy policy, int participants) {
        String reason = slot.bookable() ? null
                : slot.policyViolations().tooLateToBook() ? "tooLateToBook"
                : slot.policyViolations().tooEarlyToBook() ? "tooEarlyToBook"
                : participants > policy.maxParticipantsPerBooking() ? "tooManyParticipants"
                : "full";
        return new AvailabilityCheck(slot.bookable(), slot.openSpots(), reason);
    }

    private static Slot slot(AvailabilitySession session, BookingPolicy policy, AvailabilityQuery query) {
        int open = Math.max(0, session.capacity - session.reserved);
        boolean tooLate = !query.now().isBefore(session.startAt.minus(Duration.ofMinutes(policy.minNoticeMinutes())));
        boolean tooEarly = session.startAt.isAfter(query.now().plus(Duration.ofDays(policy.maxAdvanceDays())));
        boolean bookable = open >= query.participants() && !tooLate && !tooEarly
                && query.participants() <= policy.maxParticipantsPerBooking();
        int waitlistOpen = Math.max(0, policy.waitlistCapacity() - session.waitlisted);
        return new Slot(session.startAt, session.endAt, session.sessionId, open, session.capacity, bookable, waitlistOpen,
                new PolicyViolations(tooEarly, tooLate));
    }

    private AvailabilitySession session(String sessionId) {
        return sessions.findById(sessionId).orElseThrow(() -> new IllegalStateException(
                "Seats of session " + sessionId + " changed before the session was scheduled in this read model"));
    }
}

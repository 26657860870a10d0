package com.bookingengine.command.booking;

import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.booking.WaitlistJoinedEvent;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.CourseSessionsScheduledEvent;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.payment.CouponCreatedEvent;
import com.bookingengine.api.payment.CouponUsedEvent;
import com.bookingengine.api.payment.Discount;
import com.bookingengine.api.payment.MembershipPlanGrantedEvent;
import com.bookingengine.command.caching.StoredVersions;
import com.bookingengine.command.capacity.ClassSession;
import com.bookingengine.command.capacity.ProviderDay;
import com.bookingengine.command.catalogue.BookableService;
import com.bookingengine.command.catalogue.ServiceSnapshots;
import com.bookingengine.command.payment.Coupon;
import com.bookingengine.command.payment.MembershipPlan;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The other aggregates a booking command touches (its service and its session), event-sourced from a real Axon
 * event store of their own. The booking fixture owns the booking's stream; this store holds the rest, so a test
 * sees what a booking command did to the seats, and that a rejected one did nothing.
 */
final class SeatStore {

    final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    final Repository<ClassSession> sessions = EventSourcingRepository.builder(ClassSession.class)
            .eventStore(events).build();
    final Repository<ProviderDay> days = EventSourcingRepository.builder(ProviderDay.class)
            .eventStore(events).build();
    final Repository<BookableService> services = EventSourcingRepository.builder(BookableService.class)
            .eventStore(events).build();
    /** How booking commands read a service's terms: lock-free, from the same events. */
    final ServiceSnapshots serviceSnapshots = new ServiceSnapshots(events);
    final Repository<Coupon> coupons = EventSourcingRepository.builder(Coupon.class).eventStore(events).build();
    final Repository<MembershipPlan> plans = EventSourcingRepository.builder(MembershipPlan.class)
            .eventStore(events).build();

    /** A fixture of one booking, whose commands go through the real handler onto this store's other aggregates. */
    AggregateTestFixture<Booking> bookingFixture(Clock clock) {
        AggregateTestFixture<Booking> fixture = new AggregateTestFixture<>(Booking.class);
        fixture.registerAnnotatedCommandHandler(new BookingCommandHandler(fixture.getRepository(), sessions, days,
                serviceSnapshots, coupons, plans, StoredVersions.soleWriter(), clock));
        return fixture;
    }

    /**
     * A fixture for the booking aggregate whose command handler keeps every other aggregate in this store, with the
     * clock stopped at {@code now}.
     */
    AggregateTestFixture<Booking> bookingFixture(Instant now) {
        return bookingFixture(Clock.fixed(now, ZoneOffset.UTC));
    }

    void service(String serviceId, Money price, Set<PaymentOption> options, boolean requiresApproval,
                 List<FormField> formFields,
                 BookingPolicy policy) {
        defineService(serviceId, new ServiceCreatedEvent(serviceId, "Yoga", ServiceType.CLASS,
                "Europe/Berlin", "Studio 1", price, options, requiresApproval, formFields, policy, 10, null));
    }

    /** An appointment service with these working hours, as {@code BookableService} would have recorded it. */
    void appointmentService(String serviceId, String timeZone, AppointmentSchedule schedule, BookingPolicy policy,
                            boolean requiresApproval) {
        defineService(serviceId, new ServiceCreatedEvent(serviceId, "Haircut", ServiceType.APPOINTMENT,
                timeZone, "Salon", Money.of("30.00", "EUR"), Set.of(PaymentOption.IN_PERSON, PaymentOption.ONLINE),
                requiresApproval, List.of(), policy, 1, schedule));
    }

    /** The appointment service's terms replaced (its providers, for one), as {@code PUT /services/{id}} records. */
    void updateAppointmentService(String serviceId, long sequence, AppointmentSchedule schedule, BookingPolicy policy) {
        store("BookableService", serviceId, sequence, new ServiceUpdatedEvent(serviceId, "Haircut", "Salon",
                Money.of("30.00", "EUR"), Set.of(PaymentOption.IN_PERSON, PaymentOption.ONLINE), false, List.of(),
                policy, 1, schedule));
    }

    /** A course and its one pool of seats spanning its sessions, as the catalogue would have recorded them. */
    void course(String serviceId, List<CourseSessionsScheduledEvent.Meeting> meetings, int capacity,
                BookingPolicy policy) {
        defineService(serviceId, new ServiceCreatedEvent(serviceId, "French", ServiceType.COURSE,
                "Europe/Paris", "Room 2", Money.of("120.00", "EUR"), Set.of(PaymentOption.IN_PERSON), false, List.of(),
                policy, capacity, null));
        String courseId = ClassSession.courseId(serviceId);
        store("ClassSession", courseId, 0, new SessionScheduledEvent(courseId, serviceId, meetings.get(0).start(),
                meetings.get(meetings.size() - 1).end(), capacity));
        store("ClassSession", courseId, 1, new CourseSessionsScheduledEvent(courseId, serviceId, meetings));
    }

    void session(String sessionId, String serviceId, Instant start, int capacity) {
        store("ClassSession", sessionId, 0,
                new SessionScheduledEvent(sessionId, serviceId, start, start.plusSeconds(3600), capacity));
    }

    /** Gives {@code participants} seats of a session to a booking that this test does not otherwise follow. */
    void seatsTaken(String sessionId, String serviceId, String bookingId, int participants) {
        store("ClassSession", sessionId, eventsOf(sessionId).size(),
                new SeatsReservedEvent(sessionId, serviceId, bookingId, participants));
    }

    /** Puts a booking this test does not otherwise follow on a session's waitlist. */
    void waitlisted(String sessionId, String serviceId, String bookingId, int participants) {
        store("ClassSession", sessionId, eventsOf(sessionId).size(),
                new WaitlistJoinedEvent(sessionId, serviceId, bookingId, participants));
    }

    /** A coupon as the owner would have defined it; {@code validUntil} and {@code maxUses} may be null. */
    void coupon(String code, Discount discount, Instant validUntil, Integer maxUses) {
        store("Coupon", Coupon.id(code), 0, new CouponCreatedEvent(code, discount, validUntil, maxUses));
    }

    /** A booking this test does not otherwise follow holds one use of a coupon. */
    void couponUsedBy(String code, String bookingId) {
        int events = eventsOf(Coupon.id(code)).size();
        store("Coupon", Coupon.id(code), events, new CouponUsedEvent(code, bookingId, events));
    }

    /** A membership plan as the owner would have granted it. */
    void plan(String planId, String contactId, int credits, String... serviceIds) {
        store("MembershipPlan", MembershipPlan.id(planId), 0, new MembershipPlanGrantedEvent(planId, contactId,
                "Ten classes", credits, Set.of(serviceIds)));
    }

    /** Payloads of the events stored for {@code aggregateId} after the one that created it, in order. */
    List<Object> eventsSinceCreation(String aggregateId) {
        List<Object> events = eventsOf(aggregateId);
        return events.subList(1, events.size());
    }

    /** Payload types of every event stored for {@code aggregateId}, in order. */
    List<Object> eventsOf(String aggregateId) {
        return events.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload)
                .collect(Collectors.toList());
    }

    /**
     * A service as {@code BookableService} records it: a test that defines a service again (other terms) appends at
     * the next sequence number, as a real event store would make it, and the service then reads as defined last.
     */
    private void defineService(String serviceId, Object created) {
        store("BookableService", serviceId, events.lastSequenceNumberFor(serviceId).map(s -> s + 1).orElse(0L), created);
    }

    private void store(String type, String id, long sequence, Object payload) {
        events.publish(new GenericDomainEventMessage<>(type, id, sequence, payload));
    }
}

package com.bookingengine.command.catalogue;

import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.CreateServiceCommand;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ScheduleSessionCommand;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import com.bookingengine.api.catalogue.SessionSpec;
import com.bookingengine.api.common.Money;
import com.bookingengine.command.capacity.ClassSession;
import com.bookingengine.platform.error.ConflictException;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.error.NotFoundException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating services and scheduling their sessions, through the real handler and aggregates. */
class CatalogueTest {

    private static final Instant START = Instant.parse("2026-12-01T17:00:00Z");
    private static final Money PRICE = Money.of("20", "EUR");

    private AggregateTestFixture<BookableService> fixture;
    private EmbeddedEventStore sessionStore;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BookableService.class);
        sessionStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        Repository<ClassSession> sessions = EventSourcingRepository.builder(ClassSession.class)
                .eventStore(sessionStore).build();
        fixture.registerAnnotatedCommandHandler(new CatalogueCommandHandler(fixture.getRepository(), sessions));
    }

    private static CreateServiceCommand yoga(ServiceType type, String zone, int capacity, List<SessionSpec> sessions) {
        return new CreateServiceCommand("yoga", "  Yoga  ", type, zone, "Studio 1", PRICE,
                Set.of(PaymentOption.IN_PERSON), false, List.of(new FormField("phone", true)), null, capacity, sessions);
    }

    private List<Object> sessionEvents(String sessionId) {
        return sessionStore.readEvents(sessionId).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast)
                .toList();
    }

    private static Matcher<Object> rejectedField(String field) {
        return new CustomMatcher<>("invalid input in field " + field) {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof InvalidInputException e && field.equals(e.field());
            }
        };
    }

    @Test
    void aClassIsCreatedWithItsSessionsInOneUnitOfWorkAndDefaultPolicy() {
        fixture.givenNoPriorActivity()
                .when(yoga(ServiceType.CLASS, "Europe/Berlin", 12, List.of(
                        new SessionSpec("s1", START, START.plusSeconds(3600), null),
                        new SessionSpec("s2", START.plusSeconds(86400), START.plusSeconds(90000), 4))))
                .expectEvents(new ServiceCreatedEvent("yoga", "Yoga", ServiceType.CLASS, "Europe/Berlin", "Studio 1",
                        PRICE, Set.of(PaymentOption.IN_PERSON), false, List.of(new FormField("phone", true)),
                        BookingPolicy.defaults(), 12))
                .expectResultMessagePayload(List.of("s1", "s2"));
        assertThat(sessionEvents("s1")).containsExactly(
                new SessionScheduledEvent("s1", "yoga", START, START.plusSeconds(3600), 12));
        assertThat(sessionEvents("s2")).containsExactly(
                new SessionScheduledEvent("s2", "yoga", START.plusSeconds(86400), START.plusSeconds(90000), 4));
    }

    @Test
    void aSessionThatEndsBeforeItStartsRejectsTheWholeServiceAndWritesNothing() {
        fixture.givenNoPriorActivity()
                .when(yoga(ServiceType.CLASS, "Europe/Berlin", 12, List.of(
                        new SessionSpec("s1", START, START.plusSeconds(3600), null),
                        new SessionSpec("s2", START, START.minusSeconds(1), null))))
                .expectException(rejectedField("sessions[1].end"))
                .expectNoEvents();
        assertThat(sessionStore.readEvents("s1").hasNext()).isFalse();
    }

    @Test
    void invalidDefinitionsAreRejectedNamingTheField() {
        fixture.givenNoPriorActivity().when(yoga(ServiceType.APPOINTMENT, "Europe/Berlin", 1, List.of()))
                .expectException(rejectedField("type")).expectNoEvents();
        fixture.givenNoPriorActivity().when(yoga(ServiceType.CLASS, "Mars/Olympus", 1, List.of()))
                .expectException(rejectedField("timeZone")).expectNoEvents();
        fixture.givenNoPriorActivity().when(yoga(ServiceType.CLASS, "Europe/Berlin", 0, List.of()))
                .expectException(rejectedField("capacity")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateServiceCommand("yoga", "Yoga", ServiceType.CLASS, "UTC", null, PRICE, Set.of(), false,
                        null, null, 5, null))
                .expectException(rejectedField("paymentOptions")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateServiceCommand("yoga", "Yoga", ServiceType.CLASS, "UTC", null, PRICE,
                        Set.of(PaymentOption.ONLINE), false,
                        List.of(new FormField("phone", true), new FormField("phone", false)), null, 5, null))
                .expectException(rejectedField("formFields")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateServiceCommand("yoga", "Yoga", ServiceType.CLASS, "UTC", null, PRICE,
                        Set.of(PaymentOption.ONLINE), false, null, new BookingPolicy(-1, 365, 0, 10, 0, 0, 15), 5, null))
                .expectException(rejectedField("policy")).expectNoEvents();
    }

    @Test
    void aServiceIdIsTakenOnce() {
        fixture.givenCommands(yoga(ServiceType.CLASS, "UTC", 5, List.of()))
                .when(yoga(ServiceType.CLASS, "UTC", 5, List.of()))
                .expectException(ConflictException.class).expectNoEvents();
    }

    @Test
    void aSessionAddedLaterTakesTheServicesDefaultCapacity() {
        fixture.givenCommands(yoga(ServiceType.CLASS, "UTC", 7, List.of()))
                .when(new ScheduleSessionCommand("yoga", "s9", START, START.plusSeconds(1800), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload("s9");
        assertThat(sessionEvents("s9")).containsExactly(
                new SessionScheduledEvent("s9", "yoga", START, START.plusSeconds(1800), 7));
    }

    @Test
    void sessionsNeedAKnownService() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSessionCommand("nope", "s1", START, START.plusSeconds(60), null))
                .expectException(NotFoundException.class);
        assertThat(sessionStore.readEvents("s1").hasNext()).isFalse();
    }

    @Test
    void aSessionIdIsTakenOnce() {
        fixture.givenCommands(yoga(ServiceType.CLASS, "UTC", 7, List.of(new SessionSpec("s1", START,
                        START.plusSeconds(60), null))))
                .when(new ScheduleSessionCommand("yoga", "s1", START, START.plusSeconds(60), null))
                .expectException(ConflictException.class);
        assertThat(sessionEvents("s1")).hasSize(1);
    }
}

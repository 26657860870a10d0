package com.bookingengine.command.catalogue;

import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.CreateServiceCommand;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ScheduleSessionCommand;
import com.bookingengine.api.catalogue.ScheduleWeeklySessionsCommand;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import com.bookingengine.api.catalogue.SessionSpec;
import com.bookingengine.api.catalogue.UpdateServiceCommand;
import com.bookingengine.api.common.Money;
import com.bookingengine.command.capacity.ClassSession;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import static com.bookingengine.api.rules.Rule.*;
import static com.bookingengine.command.Rejections.violates;
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
                Set.of(PaymentOption.IN_PERSON), false, List.of(new FormField("phone", true)), null, capacity, sessions, null);
    }

    private List<Object> sessionEvents(String sessionId) {
        return sessionStore.readEvents(sessionId).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast)
                .toList();
    }

    @Test
    void aClassIsCreatedWithItsSessionsInOneUnitOfWorkAndDefaultPolicy() {
        fixture.givenNoPriorActivity()
                .when(yoga(ServiceType.CLASS, "Europe/Berlin", 12, List.of(
                        new SessionSpec("s1", START, START.plusSeconds(3600), null),
                        new SessionSpec("s2", START.plusSeconds(86400), START.plusSeconds(90000), 4))))
                .expectEvents(new ServiceCreatedEvent("yoga", "Yoga", ServiceType.CLASS, "Europe/Berlin", "Studio 1",
                        PRICE, Set.of(PaymentOption.IN_PERSON), false, List.of(new FormField("phone", true)),
                        BookingPolicy.defaults(), 12, null))
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
                .expectException(violates(SESSION_ENDS_BEFORE_START, "1"))
                .expectNoEvents();
        assertThat(sessionStore.readEvents("s1").hasNext()).isFalse();
    }

    @Test
    void invalidDefinitionsAreRejectedNamingTheField() {
        fixture.givenNoPriorActivity().when(yoga(ServiceType.APPOINTMENT, "Europe/Berlin", 1, List.of()))
                .expectException(violates(WORKING_HOURS_REQUIRED)).expectNoEvents(); // an appointment needs its hours
        fixture.givenNoPriorActivity().when(yoga(ServiceType.CLASS, "Mars/Olympus", 1, List.of()))
                .expectException(violates(UNKNOWN_TIME_ZONE)).expectNoEvents();
        fixture.givenNoPriorActivity().when(yoga(ServiceType.CLASS, "Europe/Berlin", 0, List.of()))
                .expectException(violates(CAPACITY_BELOW_ONE)).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateServiceCommand("yoga", "Yoga", ServiceType.CLASS, "UTC", null, PRICE, Set.of(), false,
                        null, null, 5, null, null))
                .expectException(violates(PAYMENT_OPTIONS_REQUIRED)).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateServiceCommand("yoga", "Yoga", ServiceType.CLASS, "UTC", null, PRICE,
                        Set.of(PaymentOption.ONLINE), false,
                        List.of(new FormField("phone", true), new FormField("phone", false)), null, 5, null, null))
                .expectException(violates(FORM_FIELD_NAMES_NOT_DISTINCT)).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateServiceCommand("yoga", "Yoga", ServiceType.CLASS, "UTC", null, PRICE,
                        Set.of(PaymentOption.ONLINE), false, null, new BookingPolicy(-1, 365, 0, 10, 0, 0, 15), 5, null, null))
                .expectException(violates(POLICY_OUT_OF_RANGE)).expectNoEvents();
    }

    @Test
    void aServiceIdIsTakenOnce() {
        fixture.givenCommands(yoga(ServiceType.CLASS, "UTC", 5, List.of()))
                .when(yoga(ServiceType.CLASS, "UTC", 5, List.of()))
                .expectException(violates(ALREADY_EXISTS)).expectNoEvents();
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
                .expectException(violates(SERVICE_NOT_FOUND));
        assertThat(sessionStore.readEvents("s1").hasNext()).isFalse();
    }

    @Test
    void aSessionIdIsTakenOnce() {
        fixture.givenCommands(yoga(ServiceType.CLASS, "UTC", 7, List.of(new SessionSpec("s1", START,
                        START.plusSeconds(60), null))))
                .when(new ScheduleSessionCommand("yoga", "s1", START, START.plusSeconds(60), null))
                .expectException(violates(ALREADY_EXISTS));
        assertThat(sessionEvents("s1")).hasSize(1);
    }

    // ---------------------------------------------------------------- weekly recurrence

    private static ScheduleWeeklySessionsCommand tuesdays(String start, String end, String from, String until,
                                                          Integer capacity) {
        return new ScheduleWeeklySessionsCommand("yoga", Set.of(DayOfWeek.TUESDAY), LocalTime.parse(start),
                LocalTime.parse(end), LocalDate.parse(from), LocalDate.parse(until), capacity);
    }

    @Test
    void weeklySessionsAreScheduledAtLocalTimeInTheServicesZoneWithIdsFromTheirDates() {
        // given a Berlin class with a default of 7 seats
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 7, List.of()))
                // when Tuesdays 18:00-19:00 are scheduled from 20 October to 3 November (clocks change on 25 Oct)
                .when(tuesdays("18:00", "19:00", "2026-10-20", "2026-11-03", null))
                // then the service itself does not change, and three sessions exist at 18:00 Berlin time
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(List.of("yoga-20261020-1800", "yoga-20261027-1800", "yoga-20261103-1800"));
        assertThat(sessionEvents("yoga-20261020-1800")).containsExactly(new SessionScheduledEvent("yoga-20261020-1800",
                "yoga", Instant.parse("2026-10-20T16:00:00Z"), Instant.parse("2026-10-20T17:00:00Z"), 7));
        assertThat(sessionEvents("yoga-20261027-1800")).containsExactly(new SessionScheduledEvent("yoga-20261027-1800",
                "yoga", Instant.parse("2026-10-27T17:00:00Z"), Instant.parse("2026-10-27T18:00:00Z"), 7));
        assertThat(sessionEvents("yoga-20261103-1800")).hasSize(1);
    }

    @Test
    void weeklySessionsTakeTheCapacityAskedFor() {
        fixture.givenCommands(yoga(ServiceType.CLASS, "UTC", 7, List.of()))
                .when(tuesdays("07:15", "08:00", "2026-12-01", "2026-12-01", 3))
                .expectResultMessagePayload(List.of("yoga-20261201-0715"));
        assertThat(sessionEvents("yoga-20261201-0715")).containsExactly(new SessionScheduledEvent(
                "yoga-20261201-0715", "yoga", Instant.parse("2026-12-01T07:15:00Z"),
                Instant.parse("2026-12-01T08:00:00Z"), 3));
    }

    @Test
    void aRecurrenceSentTwiceOrOverlappingOneScheduledBeforeIsAConflictAndWritesNothing() {
        // given Tuesdays of December 1-15 scheduled once
        fixture.givenCommands(yoga(ServiceType.CLASS, "UTC", 7, List.of()),
                        tuesdays("18:00", "19:00", "2026-12-01", "2026-12-15", null))
                // when the same recurrence is sent again
                .when(tuesdays("18:00", "19:00", "2026-12-01", "2026-12-15", null))
                .expectException(violates(ALREADY_EXISTS))
                .expectNoEvents();
        assertThat(sessionEvents("yoga-20261201-1800")).hasSize(1);

        // when one that overlaps it on its last date, and adds two more, is sent (the sessions stay in their store)
        fixture.givenCommands(yoga(ServiceType.CLASS, "UTC", 7, List.of()))
                .when(tuesdays("18:00", "19:00", "2026-12-15", "2026-12-29", null))
                .expectException(violates(ALREADY_EXISTS));
        // then none of its new sessions is written
        assertThat(sessionStore.readEvents("yoga-20261222-1800").hasNext()).isFalse();
        assertThat(sessionStore.readEvents("yoga-20261229-1800").hasNext()).isFalse();
    }

    @Test
    void invalidRecurrencesAreRejectedNamingTheFieldAndWriteNothing() {
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 7, List.of()))
                .when(tuesdays("19:00", "19:00", "2026-12-01", "2026-12-15", null))
                .expectException(violates(RECURRENCE_ENDS_BEFORE_START)).expectNoEvents();
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 7, List.of()))
                .when(tuesdays("18:00", "19:00", "2026-12-15", "2026-12-01", null))
                .expectException(violates(RECURRENCE_UNTIL_BEFORE_FROM)).expectNoEvents();
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 7, List.of()))
                .when(new ScheduleWeeklySessionsCommand("yoga", Set.of(), LocalTime.of(18, 0), LocalTime.of(19, 0),
                        LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-15"), null))
                .expectException(violates(RECURRENCE_DAYS_REQUIRED)).expectNoEvents();
        // 1001 sessions: every day from 1 December 2026
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 7, List.of()))
                .when(new ScheduleWeeklySessionsCommand("yoga", Set.of(DayOfWeek.values()), LocalTime.of(7, 0),
                        LocalTime.of(8, 0), LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-01").plusDays(1000),
                        null))
                .expectException(violates(RECURRENCE_TOO_MANY_SESSIONS)).expectNoEvents();
        // 30 November 2026 is a Monday: no Tuesday, no session
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 7, List.of()))
                .when(tuesdays("18:00", "19:00", "2026-11-30", "2026-11-30", null))
                .expectException(violates(RECURRENCE_GIVES_NO_SESSION)).expectNoEvents();
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 7, List.of()))
                .when(tuesdays("18:00", "19:00", "2026-12-01", "2026-12-15", 0))
                .expectException(violates(CAPACITY_BELOW_ONE)).expectNoEvents();
        assertThat(sessionStore.readEvents("yoga-20261201-1800").hasNext()).isFalse();
        assertThat(sessionStore.readEvents("yoga-20261201-0700").hasNext()).isFalse();
    }

    @Test
    void weeklySessionsNeedAKnownService() {
        fixture.givenNoPriorActivity()
                .when(tuesdays("18:00", "19:00", "2026-12-01", "2026-12-15", null))
                .expectException(violates(SERVICE_NOT_FOUND));
        assertThat(sessionStore.readEvents("yoga-20261201-1800").hasNext()).isFalse();
    }

    // ---------------------------------------------------------------- update

    private static final BookingPolicy STRICT = new BookingPolicy(60, 30, 120, 2, 0, 0, 10);

    private static UpdateServiceCommand update(ServiceType type, String zone, BookingPolicy policy) {
        return new UpdateServiceCommand("yoga", " Power yoga ", type, zone, "Studio 2", Money.of("25", "EUR"),
                Set.of(PaymentOption.ONLINE, PaymentOption.IN_PERSON), true, List.of(), policy, 4, null);
    }

    @Test
    void anUpdateReplacesTheTermsNewBookingsCopy() {
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 12, List.of()))
                .when(update(null, null, STRICT))
                .expectEvents(new ServiceUpdatedEvent("yoga", "Power yoga", "Studio 2", Money.of("25", "EUR"),
                        Set.of(PaymentOption.ONLINE, PaymentOption.IN_PERSON), true, List.of(), STRICT, 4, null))
                .expectResultMessagePayload("yoga")
                .expectState(service -> {
                    ServiceSnapshot snapshot = service.snapshot();
                    assertThat(snapshot.name()).isEqualTo("Power yoga");
                    assertThat(snapshot.type()).isEqualTo(ServiceType.CLASS);
                    assertThat(snapshot.paymentOptions()).containsExactlyInAnyOrder(PaymentOption.ONLINE,
                            PaymentOption.IN_PERSON);
                    assertThat(snapshot.formFields()).isEmpty();
                    assertThat(snapshot.terms().timeZone()).isEqualTo("Europe/Berlin");
                    assertThat(snapshot.terms().pricePerParticipant()).isEqualTo(Money.of("25", "EUR"));
                    assertThat(snapshot.terms().requiresApproval()).isTrue();
                    assertThat(snapshot.terms().policy()).isEqualTo(STRICT);
                    assertThat(service.defaultCapacity()).isEqualTo(4);
                });
    }

    @Test
    void anUpdateMayRepeatTheTypeAndTimeZoneAndWithoutAPolicyTakesTheDefaults() {
        fixture.givenCommands(new CreateServiceCommand("yoga", "Yoga", ServiceType.CLASS, "Europe/Berlin", null, PRICE,
                        Set.of(PaymentOption.ONLINE), false, null, STRICT, 5, null, null))
                .when(update(ServiceType.CLASS, "Europe/Berlin", null))
                .expectEvents(new ServiceUpdatedEvent("yoga", "Power yoga", "Studio 2", Money.of("25", "EUR"),
                        Set.of(PaymentOption.ONLINE, PaymentOption.IN_PERSON), true, List.of(),
                        BookingPolicy.defaults(), 4, null));
    }

    @Test
    void sessionsScheduledAfterAnUpdateTakeTheNewDefaultCapacity() {
        fixture.givenCommands(yoga(ServiceType.CLASS, "UTC", 12, List.of()), update(null, null, STRICT))
                .when(new ScheduleSessionCommand("yoga", "s1", START, START.plusSeconds(3600), null))
                .expectSuccessfulHandlerExecution();
        assertThat(sessionEvents("s1")).containsExactly(
                new SessionScheduledEvent("s1", "yoga", START, START.plusSeconds(3600), 4));
    }

    @Test
    void anUpdateCannotChangeTheTypeOrTimeZoneNorBreakTheRules() {
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 12, List.of()))
                .when(update(ServiceType.COURSE, null, null))
                .expectException(violates(TYPE_FIXED)).expectNoEvents();
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 12, List.of()))
                .when(update(null, "Europe/Paris", null))
                .expectException(violates(TIME_ZONE_FIXED)).expectNoEvents();
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 12, List.of()))
                .when(update(null, null, new BookingPolicy(0, 0, 0, 1, 0, 0, 15)))
                .expectException(violates(POLICY_OUT_OF_RANGE)).expectNoEvents();
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 12, List.of()))
                .when(new UpdateServiceCommand("yoga", "Yoga", null, null, null, PRICE, Set.of(), false, null, null, 5, null))
                .expectException(violates(PAYMENT_OPTIONS_REQUIRED)).expectNoEvents();
        fixture.givenCommands(yoga(ServiceType.CLASS, "Europe/Berlin", 12, List.of()))
                .when(new UpdateServiceCommand("yoga", "Yoga", null, null, null, PRICE, Set.of(PaymentOption.ONLINE),
                        false, null, null, 0, null))
                .expectException(violates(CAPACITY_BELOW_ONE)).expectNoEvents();
    }

    @Test
    void anUnknownServiceCannotBeUpdated() {
        fixture.givenNoPriorActivity()
                .when(update(null, null, null))
                .expectException(violates(SERVICE_NOT_FOUND))
                .expectNoEvents();
    }
}

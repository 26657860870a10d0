package com.bookingengine.command.booking;

import com.bookingengine.api.booking.AppointmentTimeReservedEvent;
import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingRescheduledEvent;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.PaymentRequest;
import com.bookingengine.api.booking.ProviderDayOpenedEvent;
import com.bookingengine.api.booking.RescheduleBookingCommand;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.Provider;
import com.bookingengine.api.catalogue.WorkingHours;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.rules.Rule;
import com.bookingengine.api.rules.RuleViolation;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Appointment services with several providers, through the real command handler and event-sourced aggregates: a
 * booking takes the named provider's time or, naming none, the free provider with the fewest bookings that day
 * (ties by the service's order); a move keeps its provider when free; a retired provider keeps its bookings.
 */
class ProvidersTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate MONDAY = LocalDate.parse("2026-11-30");
    private static final ContactDetails ADA = new ContactDetails("c-1", "Ada", "Lovelace", "ada@example.com", null, null);
    private static final BookingPolicy POLICY = new BookingPolicy(0, 365, 0, 1, 0, 15, 15);
    private static final Provider ANNA = new Provider("anna", "Anna", null, false);
    /** Ben works only 10:00-11:00. */
    private static final Provider BEN = new Provider("ben", "Ben", hours(LocalTime.of(10, 0), LocalTime.of(11, 0)),
            false);
    private static final Provider CLEO = new Provider("cleo", "Cleo", null, false);
    private static final List<WorkingHours> HOURS = hours(LocalTime.of(9, 0), LocalTime.of(12, 0));

    private Engine engine;
    private int count;

    private static List<WorkingHours> hours(LocalTime from, LocalTime to) {
        List<WorkingHours> hours = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.add(new WorkingHours(day, from, to));
        }
        return hours;
    }

    @BeforeEach
    void setUp() {
        engine = new Engine(Clock.fixed(NOW, ZoneOffset.UTC));
        engine.store.appointmentService("cut", "Europe/Berlin", new AppointmentSchedule(HOURS, 30,
                List.of(ANNA, BEN, CLEO)), POLICY, false);
    }

    private static Instant at(String time) {
        return LocalDateTime.of(MONDAY, LocalTime.parse(time)).atZone(BERLIN).toInstant();
    }

    private String book(String time, String provider) {
        String id = "b-" + (++count);
        engine.send(new CreateBookingCommand(id, "cut", null, at(time), at(time).plusSeconds(1800), 1, ADA, null,
                new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false, provider));
        return id;
    }

    private String providerOf(String bookingId) {
        return engine.booking(bookingId).orElseThrow().place().providerId();
    }

    private void refused(Runnable command, Rule rule) {
        assertThatThrownBy(command::run).isInstanceOfSatisfying(RuleViolation.class,
                e -> assertThat(e.rule()).isEqualTo(rule));
    }

    @Test
    void aNamedProviderGivesItsOwnTimeAndTheBookingAndItsEventsRecordIt() {
        String booked = book("10:00", "ben");

        assertThat(providerOf(booked)).isEqualTo("ben");
        assertThat(engine.events(booked).get(0).getPayload()).isInstanceOfSatisfying(BookingCreatedEvent.class,
                e -> assertThat(e.providerId()).isEqualTo("ben"));
        assertThat(engine.events("cut/ben@2026-11-30").stream().<Object>map(DomainEventMessage::getPayload).toList())
                .containsExactly(new ProviderDayOpenedEvent("cut/ben@2026-11-30", "cut", MONDAY, "Europe/Berlin", "ben"),
                        new AppointmentTimeReservedEvent("cut/ben@2026-11-30", "cut", booked, at("10:00"),
                                at("10:45"), "ben"));
        // the same provider at an overlapping time (buffer included) is taken; outside its own hours no slot
        refused(() -> book("10:30", "ben"), Rule.PROVIDER_TIME_TAKEN);
        refused(() -> book("09:00", "ben"), Rule.NOT_A_SLOT);
        refused(() -> book("09:00", "dora"), Rule.UNKNOWN_PROVIDER);
    }

    @Test
    void anyAvailableTakesTheFreeProviderWithTheFewestBookingsThatDayTiesByTheServicesOrder() {
        assertThat(providerOf(book("09:00", null))).isEqualTo("anna"); // all at 0: first in order
        assertThat(providerOf(book("10:00", null))).isEqualTo("ben");  // anna 1, ben 0, cleo 0
        assertThat(providerOf(book("10:00", null))).isEqualTo("cleo"); // ben busy; cleo 0 < anna 1
        assertThat(providerOf(book("10:00", null))).isEqualTo("anna"); // the only one free
        refused(() -> book("10:00", null), Rule.PROVIDER_TIME_TAKEN);   // nobody left: capacity
    }

    @Test
    void aMoveKeepsItsProviderWhenFreeElseTakesAnotherFreeOneOrTheOneNamed() {
        String moving = book("09:00", "anna");
        book("11:00", "anna");

        engine.send(new RescheduleBookingCommand(moving, null, at("10:00"), at("10:30"), null));
        assertThat(providerOf(moving)).isEqualTo("anna");

        // anna is busy at 11:00: the booking moves to the fairest free provider (ben does not work then)
        engine.send(new RescheduleBookingCommand(moving, null, at("11:00"), at("11:30"), null));
        assertThat(providerOf(moving)).isEqualTo("cleo");
        assertThat(engine.day("cut/anna@2026-11-30").orElseThrow().held()).doesNotContainKey(moving);
        assertThat(engine.events(moving).get(2).getPayload()).isInstanceOfSatisfying(BookingRescheduledEvent.class,
                e -> assertThat(e.providerId()).isEqualTo("cleo"));

        // the same time with another named provider is a move to that provider
        engine.send(new RescheduleBookingCommand(moving, null, at("10:00"), at("10:30"), null, "ben"));
        assertThat(providerOf(moving)).isEqualTo("ben");
        assertThat(engine.day("cut/cleo@2026-11-30").orElseThrow().held()).isEmpty();
    }

    @Test
    void aRetiredProviderKeepsItsBookingsTakesNoNewOnesAndGivesTimeBackOnCancel() {
        String kept = book("09:00", "cleo");
        engine.store.updateAppointmentService("cut", 1, new AppointmentSchedule(HOURS, 30,
                List.of(ANNA, BEN, CLEO.retired(true))), POLICY);

        refused(() -> book("11:00", "cleo"), Rule.PROVIDER_RETIRED);
        book("11:00", null);
        refused(() -> book("11:00", null), Rule.PROVIDER_TIME_TAKEN); // only anna works 11:00 now
        assertThat(providerOf(kept)).isEqualTo("cleo");

        engine.send(new CancelBookingCommand(kept, null, null, CancelRequester.OWNER));
        assertThat(engine.day("cut/cleo@2026-11-30").orElseThrow().held()).isEmpty();
    }

    @Test
    void aServiceWithoutProvidersKeepsItsImplicitProviderAndItsDayIds() {
        engine.store.appointmentService("old", "Europe/Berlin", new AppointmentSchedule(HOURS, 30), POLICY, false);
        String id = "b-old";
        engine.send(new CreateBookingCommand(id, "old", null, at("09:00"), at("09:30"), 1, ADA, null,
                new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false));

        assertThat(providerOf(id)).isNull();
        assertThat(engine.day("old@2026-11-30").orElseThrow().held()).containsKey(id);
        refused(() -> engine.send(new CreateBookingCommand("b-x", "old", null, at("10:00"), at("10:30"), 1, ADA,
                null, new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false, "anna")),
                Rule.UNKNOWN_PROVIDER);
    }
}

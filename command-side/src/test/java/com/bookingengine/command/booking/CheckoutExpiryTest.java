package com.bookingengine.command.booking;

import com.bookingengine.api.booking.ApprovePaymentCommand;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.CheckoutExpiredEvent;
import com.bookingengine.api.booking.ConfirmBookingCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.PaymentRequest;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.api.booking.SeatsReleasedEvent;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.WorkingHours;
import com.bookingengine.command.capacity.ProviderDay;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.Money;
import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unpaid online checkout ends when the service's {@code checkoutTimeoutMinutes} pass: the booking is canceled by
 * the engine and its seat freed in the same unit of work. Time travels with the fixtures' deadline managers.
 */
class CheckoutExpiryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant START = NOW.plus(Duration.ofDays(7));
    private static final String SERVICE = "yoga";
    private static final String SESSION = "yoga-1";
    private static final String BOOKING = "7a1c0b8e-4a7e-4c6f-9a53-2f1d8e0c9b11";
    private static final ContactDetails ADA = new ContactDetails("c-1", "Ada", "Lovelace", "ada@example.com", null, null);
    /** Checkout holds a seat for 20 minutes. */
    private static final BookingPolicy POLICY = new BookingPolicy(0, 365, 0, 4, 2, 0, 20);

    private static CreateBookingCommand create(String bookingId, PaymentOption option, boolean joinWaitlist) {
        return new CreateBookingCommand(bookingId, SERVICE, SESSION, null, null, 1, ADA, null,
                new PaymentRequest(option, null, null, null), joinWaitlist);
    }

    @Nested
    class OnTheBookingFixture {

        private AggregateTestFixture<Booking> fixture;
        private SeatStore store;

        @BeforeEach
        void setUp() {
            store = new SeatStore();
            fixture = store.bookingFixture(NOW);
            store.service(SERVICE, Money.of("20.00", "EUR"), Set.of(PaymentOption.IN_PERSON, PaymentOption.ONLINE),
                    false, List.of(), POLICY);
            store.session(SESSION, SERVICE, START, 3);
        }

        @Test
        void enteringCheckoutSchedulesTheExpiryAtTheTimeoutOfTheBookingsPolicy() {
            fixture.givenNoPriorActivity()
                    .when(create(BOOKING, PaymentOption.ONLINE, false))
                    .expectScheduledDeadline(Duration.ofMinutes(20), new CheckoutExpiry(BOOKING));
        }

        @Test
        void aBookingThatNeverEntersCheckoutHasNoDeadline() {
            fixture.givenNoPriorActivity()
                    .when(create(BOOKING, PaymentOption.IN_PERSON, false))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void whenTheTimeoutPassesUnpaidTheEngineCancelsTheBookingAndFreesItsSeat() {
            fixture.givenCommands(create(BOOKING, PaymentOption.ONLINE, false))
                    .whenTimeElapses(Duration.ofMinutes(20))
                    .expectDeadlinesMet(new CheckoutExpiry(BOOKING))
                    .expectEvents(new CheckoutExpiredEvent(BOOKING, BookingStatus.CANCELED, PaymentStatus.NOT_PAID));
            assertThat(store.eventsOf(SESSION)).last().isEqualTo(new SeatsReleasedEvent(SESSION, SERVICE, BOOKING, 1));
        }

        @Test
        void aPaidCheckoutIsLeftAloneWhenItsDeadlineFires() {
            fixture.givenCommands(create(BOOKING, PaymentOption.ONLINE, false),
                            new ApprovePaymentCommand(BOOKING, "tx-1", null))
                    .whenTimeElapses(Duration.ofMinutes(30))
                    .expectDeadlinesMet(new CheckoutExpiry(BOOKING))
                    .expectNoEvents();
            assertThat(store.eventsOf(SESSION)).noneMatch(e -> e instanceof SeatsReleasedEvent);
        }

        @Test
        void notBeforeTheTimeout() {
            fixture.givenCommands(create(BOOKING, PaymentOption.ONLINE, false))
                    .whenTimeElapses(Duration.ofMinutes(19))
                    .expectNoEvents();
        }

        @Test
        void anOwnerConfirmThatStartsCheckoutStartsTheClockToo() {
            store.service("approved", Money.of("20.00", "EUR"), Set.of(PaymentOption.ONLINE), true, List.of(), POLICY);
            store.session("approved-1", "approved", START, 3);
            fixture.givenCommands(new CreateBookingCommand(BOOKING, "approved", "approved-1", null, null, 1, ADA, null,
                            new PaymentRequest(PaymentOption.ONLINE, null, null, null), false))
                    .when(new ConfirmBookingCommand(BOOKING, null, null))
                    .expectScheduledDeadline(Duration.ofMinutes(20), new CheckoutExpiry(BOOKING));
        }
    }

    @Nested
    class WithTheWaitlist {

        private Engine engine;

        @BeforeEach
        void setUp() {
            engine = new Engine(Clock.fixed(NOW, ZoneOffset.UTC));
            engine.store.service(SERVICE, Money.of("20.00", "EUR"), Set.of(PaymentOption.IN_PERSON, PaymentOption.ONLINE),
                    false, List.of(), POLICY);
            engine.store.session(SESSION, SERVICE, START, 1);
        }

        @Test
        void anExpiredCheckoutPromotesTheNextBookingWhoseOwnCheckoutThenExpiresInTurn() {
            // given the one seat in checkout and an online booking waiting for it
            engine.send(create("a", PaymentOption.ONLINE, false));
            engine.send(create("b", PaymentOption.ONLINE, true));
            assertThat(engine.booking("b").orElseThrow().isWaitlisted()).isTrue();

            // when a's checkout times out
            engine.advanceTimeBy(Duration.ofMinutes(20));

            // then a is canceled by the engine, b holds the seat in its own checkout
            assertThat(engine.booking("a").orElseThrow().status()).isEqualTo(BookingStatus.CANCELED);
            DomainEventMessage<?> expired = engine.events("a").get(engine.events("a").size() - 1);
            assertThat(expired.getPayload()).isInstanceOf(CheckoutExpiredEvent.class);
            assertThat(expired.getMetaData().get(AxonMessagingConfiguration.ACTOR)).isEqualTo("system");
            // and so is every other event of the expiry: the seat given back, b's promotion
            assertThat(engine.events(SESSION)).filteredOn(e -> e.getPayload() instanceof SeatsReleasedEvent)
                    .extracting(e -> e.getMetaData().get(AxonMessagingConfiguration.ACTOR)).containsExactly("system");
            assertThat(engine.booking("b").orElseThrow().status()).isEqualTo(BookingStatus.PENDING_CHECKOUT);
            assertThat(engine.session(SESSION).seatsByBooking()).containsOnlyKeys("b");

            // and b's clock started at its promotion: 19 minutes later it still holds the seat, at 20 it does not
            engine.advanceTimeBy(Duration.ofMinutes(19));
            assertThat(engine.booking("b").orElseThrow().status()).isEqualTo(BookingStatus.PENDING_CHECKOUT);
            engine.advanceTimeBy(Duration.ofMinutes(1));
            assertThat(engine.booking("b").orElseThrow().status()).isEqualTo(BookingStatus.CANCELED);
            assertThat(engine.session(SESSION).taken()).isZero();
        }

        @Test
        void anExpiredAppointmentGivesItsTimeBackToTheProvidersDay() {
            AppointmentSchedule hours = new AppointmentSchedule(List.of(new WorkingHours(START.atZone(ZoneOffset.UTC)
                    .getDayOfWeek(), LocalTime.of(9, 0), LocalTime.of(12, 0))), 30);
            engine.store.appointmentService("cut", "UTC", hours, POLICY, false);
            Instant nine = START.atZone(ZoneOffset.UTC).toLocalDate().atTime(9, 0).toInstant(ZoneOffset.UTC);
            engine.send(new CreateBookingCommand("a", "cut", null, nine, nine.plusSeconds(1800), 1, ADA, null,
                    new PaymentRequest(PaymentOption.ONLINE, null, null, null), false));
            String day = ProviderDay.dayId("cut", nine.atZone(ZoneOffset.UTC).toLocalDate());
            assertThat(engine.day(day).orElseThrow().held()).containsOnlyKeys("a");

            engine.advanceTimeBy(Duration.ofMinutes(20));

            assertThat(engine.booking("a").orElseThrow().status()).isEqualTo(BookingStatus.CANCELED);
            assertThat(engine.day(day).orElseThrow().held()).isEmpty();
        }

        @Test
        void aCanceledCheckoutsDeadlineChangesNothing() {
            engine.send(create("a", PaymentOption.ONLINE, false));
            engine.send(new CancelBookingCommand("a", null, null, CancelRequester.OWNER));
            int events = engine.events("a").size();
            engine.advanceTimeBy(Duration.ofMinutes(30));
            assertThat(engine.events("a")).hasSize(events);
        }
    }
}

package com.bookingengine.command.booking;

import com.bookingengine.api.booking.BookingCommandResult;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.ChangeParticipantsCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.PaymentRequest;
import com.bookingengine.api.booking.RescheduleBookingCommand;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.CourseSessionsScheduledEvent;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.rules.RuleViolation;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static com.bookingengine.api.rules.Rule.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Course bookings: the whole fixed set booked as one bundle, capacity counted per course. */
class CourseTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant FIRST = NOW.plus(Duration.ofDays(7));
    private static final String COURSE = "french";
    private static final String SEATS = "french:course";
    private static final ContactDetails ADA = new ContactDetails("c-1", "Ada", "Lovelace", "ada@example.com", null, null);

    private Engine engine;

    @BeforeEach
    void setUp() {
        engine = new Engine(Clock.fixed(NOW, ZoneOffset.UTC));
        // three weekly evenings, 3 seats for the whole course, a waitlist of 2
        engine.store.course(COURSE, List.of(
                new CourseSessionsScheduledEvent.Meeting("w1", FIRST, FIRST.plus(Duration.ofHours(2))),
                new CourseSessionsScheduledEvent.Meeting("w2", FIRST.plus(Duration.ofDays(7)),
                        FIRST.plus(Duration.ofDays(7)).plus(Duration.ofHours(2))),
                new CourseSessionsScheduledEvent.Meeting("w3", FIRST.plus(Duration.ofDays(14)),
                        FIRST.plus(Duration.ofDays(14)).plus(Duration.ofHours(2)))),
                3, new BookingPolicy(0, 365, 0, 3, 2, 0, 15));
    }

    private static CreateBookingCommand book(String id, String sessionId, int participants, boolean joinWaitlist) {
        return new CreateBookingCommand(id, COURSE, sessionId, null, null, participants, ADA, null,
                new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), joinWaitlist);
    }

    private List<Object> seatEvents() {
        return engine.events(SEATS).stream().<Object>map(DomainEventMessage::getPayload).toList();
    }

    @Test
    void aCourseIsBookedWholeFromItsFirstStartToItsLastEnd() {
        BookingCommandResult result = engine.send(book("b-1", null, 2, false));

        assertThat(result.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(engine.booking("b-1").orElseThrow().place()).isEqualTo(new Place(SEATS, FIRST,
                FIRST.plus(Duration.ofDays(14)).plus(Duration.ofHours(2))));
        assertThat(seatEvents()).last().isEqualTo(new SeatsReservedEvent(SEATS, COURSE, "b-1", 2));
        // naming the course's slot id is the same booking
        assertThat(engine.send(book("b-2", SEATS, 1, false)).status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void capacityCountsPerCourseAndTheWaitlistTakesOverWhenFull() {
        engine.send(book("b-1", null, 2, false));
        engine.send(book("b-2", null, 1, false));

        assertThatThrownBy(() -> engine.send(book("b-3", null, 1, false)))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo(NO_OPEN_SPOTS));
        assertThat(engine.booking("b-3")).isEmpty();
        BookingCommandResult waiting = engine.send(book("b-4", null, 1, true));
        assertThat(waiting.status()).isEqualTo(BookingStatus.PENDING);
        assertThat(engine.booking("b-4").orElseThrow().isWaitlisted()).isTrue();

        // when a seat holder cancels, the waiting booking is promoted in the same unit of work
        engine.send(new CancelBookingCommand("b-2", null, null, CancelRequester.OWNER));
        assertThat(engine.booking("b-4").orElseThrow().result().status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(engine.session(SEATS).seatsByBooking()).containsOnlyKeys("b-1", "b-4");
    }

    @Test
    void participantsChangeWhenTheyFitAndACourseIsNeverRescheduled() {
        engine.send(book("b-1", null, 2, false));
        engine.send(book("b-2", null, 1, false));

        assertThatThrownBy(() -> engine.send(new ChangeParticipantsCommand("b-1", 3, null)))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo(NO_OPEN_SPOTS));
        engine.send(new ChangeParticipantsCommand("b-1", 1, null));
        assertThat(engine.session(SEATS).taken()).isEqualTo(2);

        assertThatThrownBy(() -> engine.send(new RescheduleBookingCommand("b-1", "w2", null, null, null)))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(COURSE_NOT_RESCHEDULABLE));
        assertThatThrownBy(() -> engine.send(new RescheduleBookingCommand("b-1", null, null, null, null)))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(COURSE_NOT_RESCHEDULABLE));
    }

    @Test
    void aCourseBookingNamingOneSessionOrATimeIsRejectedNamingTheField() {
        assertThatThrownBy(() -> engine.send(book("b-1", "w2", 1, false)))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(COURSE_TAKES_NO_SESSION));
        assertThatThrownBy(() -> engine.send(new CreateBookingCommand("b-1", COURSE, null, FIRST,
                FIRST.plus(Duration.ofHours(2)), 1, ADA, null, new PaymentRequest(PaymentOption.IN_PERSON, null, null,
                null), false)))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(COURSE_TAKES_NO_TIMES));
        assertThat(engine.booking("b-1")).isEmpty();
        assertThat(engine.session(SEATS).taken()).isZero();
    }
}

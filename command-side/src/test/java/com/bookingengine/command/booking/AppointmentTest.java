package com.bookingengine.command.booking;

import com.bookingengine.api.booking.AppointmentTimeReleasedEvent;
import com.bookingengine.api.booking.AppointmentTimeReservedEvent;
import com.bookingengine.api.booking.BookingCommandResult;
import com.bookingengine.api.booking.BookingRescheduledEvent;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.ChangeParticipantsCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.DeclineBookingCommand;
import com.bookingengine.api.booking.PaymentRequest;
import com.bookingengine.api.booking.ProviderDayOpenedEvent;
import com.bookingengine.api.booking.RescheduleBookingCommand;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.PaymentOption;
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

import static com.bookingengine.api.rules.Rule.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Appointment bookings through the real command handler and event-sourced aggregates: the slot grid, the provider's
 * time held per local day (slot plus buffer, cut at midnight), and every rejection changing nothing.
 */
class AppointmentTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z"); // Monday 11:00 in Berlin
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate MONDAY = LocalDate.parse("2026-11-30");
    private static final String SERVICE = "cut";
    private static final ContactDetails ADA = new ContactDetails("c-1", "Ada", "Lovelace", "ada@example.com", null, null);
    /** Every day 00:00-02:00, 09:00-12:00 and 22:00-23:59 in 30-minute slots. */
    private static final AppointmentSchedule HOURS = new AppointmentSchedule(everyDay(
            List.of(LocalTime.of(0, 0), LocalTime.of(2, 0)), List.of(LocalTime.of(9, 0), LocalTime.of(12, 0)),
            List.of(LocalTime.of(22, 0), LocalTime.of(23, 59))), 30);
    /** 45 minutes kept free after each appointment. */
    private static final BookingPolicy POLICY = new BookingPolicy(60, 365, 0, 2, 3, 45, 15);

    private Engine engine;
    private int bookingCount;

    private static List<WorkingHours> everyDay(List<LocalTime>... stretches) {
        List<WorkingHours> hours = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            for (List<LocalTime> stretch : stretches) {
                hours.add(new WorkingHours(day, stretch.get(0), stretch.get(1)));
            }
        }
        return hours;
    }

    @BeforeEach
    void setUp() {
        engine = new Engine(Clock.fixed(NOW, ZoneOffset.UTC));
        engine.store.appointmentService(SERVICE, "Europe/Berlin", HOURS, POLICY, false);
    }

    private static Instant at(LocalDate date, String time) {
        return LocalDateTime.of(date, LocalTime.parse(time)).atZone(BERLIN).toInstant();
    }

    private CreateBookingCommand appointment(Instant start, Instant end) {
        return new CreateBookingCommand("b-" + (++bookingCount), SERVICE, null, start, end, 1, ADA, null,
                new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false);
    }

    private CreateBookingCommand appointment(LocalDate date, String start) {
        Instant from = at(date, start);
        return appointment(from, from.plusSeconds(30 * 60));
    }

    private List<Object> dayEvents(LocalDate date) {
        return engine.events(SERVICE + "@" + date).stream().<Object>map(DomainEventMessage::getPayload).toList();
    }

    private void rejected(Object command, Rule rule) {
        int before = engine.store.events.readEvents(SERVICE + "@" + MONDAY).asStream().toList().size();
        assertThatThrownBy(() -> engine.send(command))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo(rule));
        assertThat(engine.store.events.readEvents(SERVICE + "@" + MONDAY).asStream().toList()).hasSize(before);
        if (command instanceof CreateBookingCommand create) {
            assertThat(engine.booking(create.bookingId())).isEmpty();
        }
    }

    @Test
    void anAppointmentOnTheGridIsConfirmedAndHoldsItsSlotAndBufferInItsProviderDay() {
        // when Monday 09:00-09:30 is booked
        CreateBookingCommand command = appointment(MONDAY, "09:00");
        BookingCommandResult result = engine.send(command);

        // then it is confirmed, and the provider's Monday holds 09:00 to 10:15 (30 minutes and a 45-minute buffer)
        assertThat(result.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(dayEvents(MONDAY)).containsExactly(
                new ProviderDayOpenedEvent("cut@2026-11-30", SERVICE, MONDAY, "Europe/Berlin"),
                new AppointmentTimeReservedEvent("cut@2026-11-30", SERVICE, "b-1", at(MONDAY, "09:00"),
                        at(MONDAY, "10:15")));
        assertThat(engine.booking("b-1").orElseThrow().place())
                .isEqualTo(new Place(null, at(MONDAY, "09:00"), at(MONDAY, "09:30")));
    }

    @Test
    void aStartOffTheGridOrOutsideTheWorkingHoursAndAWrongEndAreRejectedNamingTheField() {
        rejected(appointment(MONDAY, "09:10"), NOT_A_SLOT);
        rejected(appointment(MONDAY, "13:00"), NOT_A_SLOT);
        rejected(appointment(MONDAY, "11:45"), NOT_A_SLOT); // not a grid line
        rejected(appointment(at(MONDAY, "11:30"), at(MONDAY, "12:30")), NOT_THE_SLOT_END);
        rejected(appointment(at(MONDAY, "09:00"), at(MONDAY, "10:00")), NOT_THE_SLOT_END);
        rejected(appointment(at(MONDAY, "09:00"), null), APPOINTMENT_END_REQUIRED);
        rejected(new CreateBookingCommand("b-x", SERVICE, "s-1", at(MONDAY, "09:00"), at(MONDAY, "09:30"), 1, ADA,
                null, new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false),
                APPOINTMENT_TAKES_NO_SESSION);
        assertThat(engine.events(SERVICE + "@" + MONDAY)).isEmpty();
    }

    @Test
    void theSameSlotCannotBeBookedTwiceNorJoinAWaitlist() {
        engine.send(appointment(MONDAY, "09:00"));

        rejected(appointment(MONDAY, "09:00"), PROVIDER_TIME_TAKEN);
        CreateBookingCommand waiting = new CreateBookingCommand("b-w", SERVICE, null, at(MONDAY, "09:00"),
                at(MONDAY, "09:30"), 1, ADA, null, new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), true);
        rejected(waiting, PROVIDER_TIME_TAKEN);
    }

    @Test
    void theBufferKeepsTimeFreeAfterEachAppointmentWhicheverIsBookedFirst() {
        // given 10:30-11:00 booked (the provider's time held until 11:45)
        engine.send(appointment(MONDAY, "10:30"));

        // then 11:00 and 11:30 fall in its buffer
        rejected(appointment(MONDAY, "11:00"), PROVIDER_TIME_TAKEN);
        rejected(appointment(MONDAY, "11:30"), PROVIDER_TIME_TAKEN);
        // and 10:00 would end at 10:30, but its own buffer runs to 11:15: refused too
        rejected(appointment(MONDAY, "10:00"), PROVIDER_TIME_TAKEN);
        // and 09:30 (held until 10:45) is refused, while 09:00 (held until 10:15) fits
        rejected(appointment(MONDAY, "09:30"), PROVIDER_TIME_TAKEN);
        assertThat(engine.send(appointment(MONDAY, "09:00")).status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void aBufferRunningPastMidnightHoldsTimeInTheNextDayToo() {
        LocalDate tuesday = MONDAY.plusDays(1);
        // when Monday 23:00-23:30 is booked: held until Tuesday 00:15
        engine.send(appointment(MONDAY, "23:00"));

        // then each day holds its piece
        assertThat(dayEvents(MONDAY)).contains(new AppointmentTimeReservedEvent("cut@2026-11-30", SERVICE, "b-1",
                at(MONDAY, "23:00"), at(tuesday, "00:00")));
        assertThat(dayEvents(tuesday)).contains(new AppointmentTimeReservedEvent("cut@2026-12-01", SERVICE, "b-1",
                at(tuesday, "00:00"), at(tuesday, "00:15")));
        // and Tuesday 00:00 is taken by Monday's buffer, 00:30 is free
        assertThatThrownBy(() -> engine.send(appointment(tuesday, "00:00")))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo(PROVIDER_TIME_TAKEN));
        assertThat(engine.send(appointment(tuesday, "00:30")).status()).isEqualTo(BookingStatus.CONFIRMED);

        // when Monday's booking is canceled, both pieces come free and Tuesday 00:00 can be booked
        engine.send(new CancelBookingCommand("b-1", null, null, CancelRequester.OWNER));
        assertThat(dayEvents(MONDAY)).last().isEqualTo(new AppointmentTimeReleasedEvent("cut@2026-11-30", SERVICE,
                "b-1", at(MONDAY, "23:00"), at(tuesday, "00:00")));
        // 00:00 plus its buffer runs to 01:15, into 00:30's slot: still refused, but for that booking now
        assertThatThrownBy(() -> engine.send(appointment(tuesday, "00:00")))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo(PROVIDER_TIME_TAKEN));
        assertThat(engine.send(appointment(MONDAY, "23:00")).status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void cancelingOrDecliningGivesTheTimeBack() {
        engine.send(appointment(MONDAY, "09:00"));
        engine.send(new CancelBookingCommand("b-1", null, null, CancelRequester.OWNER));
        assertThat(dayEvents(MONDAY)).last().isEqualTo(new AppointmentTimeReleasedEvent("cut@2026-11-30", SERVICE,
                "b-1", at(MONDAY, "09:00"), at(MONDAY, "10:15")));
        assertThat(engine.send(appointment(MONDAY, "09:00")).status()).isEqualTo(BookingStatus.CONFIRMED);

        // given a service that needs approval: a PENDING appointment holds its time until declined
        engine.store.appointmentService("cut2", "Europe/Berlin", HOURS, POLICY, true);
        CreateBookingCommand pending = new CreateBookingCommand("p-1", "cut2", null, at(MONDAY, "09:00"),
                at(MONDAY, "09:30"), 1, ADA, null, new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false);
        assertThat(engine.send(pending).status()).isEqualTo(BookingStatus.PENDING);
        CreateBookingCommand second = new CreateBookingCommand("p-2", "cut2", null, at(MONDAY, "09:00"),
                at(MONDAY, "09:30"), 1, ADA, null, new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false);
        assertThatThrownBy(() -> engine.send(second)).isInstanceOfSatisfying(RuleViolation.class,
                e -> assertThat(e.rule()).isEqualTo(PROVIDER_TIME_TAKEN));
        engine.send(new DeclineBookingCommand("p-1", null, null));
        assertThat(engine.send(second).status()).isEqualTo(BookingStatus.PENDING);
    }

    @Test
    void rescheduleMovesTheTimeAtomicallyWithinADayAndAcrossDays() {
        engine.send(appointment(MONDAY, "09:00"));
        LocalDate tuesday = MONDAY.plusDays(1);

        // when moved within Monday to 10:30
        engine.send(new RescheduleBookingCommand("b-1", null, at(MONDAY, "10:30"), at(MONDAY, "11:00"), null));

        // then the day released the old time and reserved the new in one step, and the booking says where it is
        assertThat(dayEvents(MONDAY)).endsWith(
                new AppointmentTimeReleasedEvent("cut@2026-11-30", SERVICE, "b-1", at(MONDAY, "09:00"), at(MONDAY, "10:15")),
                new AppointmentTimeReservedEvent("cut@2026-11-30", SERVICE, "b-1", at(MONDAY, "10:30"), at(MONDAY, "11:45")));
        assertThat(engine.events("b-1").get(1).getPayload()).isEqualTo(new BookingRescheduledEvent("b-1", null, null,
                at(MONDAY, "10:30"), at(MONDAY, "11:00"), BookingStatus.CONFIRMED,
                com.bookingengine.api.booking.PaymentStatus.NOT_PAID));
        // and 09:00 is free again for someone else
        assertThat(engine.send(appointment(MONDAY, "09:00")).status()).isEqualTo(BookingStatus.CONFIRMED);

        // when moved to Tuesday 09:00
        engine.send(new RescheduleBookingCommand("b-1", null, at(tuesday, "09:00"), at(tuesday, "09:30"), null));
        assertThat(dayEvents(MONDAY)).last().isEqualTo(new AppointmentTimeReleasedEvent("cut@2026-11-30", SERVICE,
                "b-1", at(MONDAY, "10:30"), at(MONDAY, "11:45")));
        assertThat(dayEvents(tuesday)).last().isEqualTo(new AppointmentTimeReservedEvent("cut@2026-12-01", SERVICE,
                "b-1", at(tuesday, "09:00"), at(tuesday, "10:15")));

        // the same time again is a no-op
        long revision = engine.booking("b-1").orElseThrow().result().revision();
        engine.send(new RescheduleBookingCommand("b-1", null, at(tuesday, "09:00"), at(tuesday, "09:30"), null));
        assertThat(engine.booking("b-1").orElseThrow().result().revision()).isEqualTo(revision);
    }

    @Test
    void aRescheduleToATakenOrOffGridTimeChangesNothing() {
        engine.send(appointment(MONDAY, "09:00")); // b-1
        engine.send(appointment(MONDAY, "10:30")); // b-2
        List<Object> before = dayEvents(MONDAY);

        assertThatThrownBy(() -> engine.send(new RescheduleBookingCommand("b-1", null, at(MONDAY, "11:00"),
                at(MONDAY, "11:30"), null)))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo(PROVIDER_TIME_TAKEN));
        assertThatThrownBy(() -> engine.send(new RescheduleBookingCommand("b-1", null, at(MONDAY, "09:15"),
                at(MONDAY, "09:45"), null)))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo(NOT_A_SLOT));
        assertThatThrownBy(() -> engine.send(new RescheduleBookingCommand("b-1", null, at(MONDAY, "12:00"),
                at(MONDAY, "12:30"), null)))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo(NOT_A_SLOT));
        // then the day and the booking are as they were
        assertThat(dayEvents(MONDAY)).isEqualTo(before);
        assertThat(engine.events("b-1")).hasSize(1);
    }

    @Test
    void anAppointmentDoesNotChangeParticipantsAndKeepsToMinNotice() {
        engine.send(appointment(MONDAY, "09:00"));
        assertThatThrownBy(() -> engine.send(new ChangeParticipantsCommand("b-1", 2, null)))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(APPOINTMENT_PARTICIPANTS_FIXED));
        // today 11:30 Berlin is 30 minutes away; bookings close 60 minutes before
        LocalDate today = LocalDate.parse("2026-11-23");
        rejected(appointment(today, "11:30"), TOO_LATE_TO_BOOK);
        rejected(appointment(MONDAY.plusDays(400), "09:00"), TOO_EARLY_TO_BOOK);
    }

    @Test
    void repeatingACreateAnswersTheFirstResultAndOtherContentIsAConflict() {
        CreateBookingCommand first = appointment(MONDAY, "09:00");
        BookingCommandResult result = engine.send(first);
        assertThat(engine.send(first)).isEqualTo(result);
        CreateBookingCommand moved = new CreateBookingCommand(first.bookingId(), SERVICE, null, at(MONDAY, "10:30"),
                at(MONDAY, "11:00"), 1, ADA, null, first.payment(), false);
        assertThatThrownBy(() -> engine.send(moved))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo(ALREADY_EXISTS));
    }
}

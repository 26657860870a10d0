package com.bookingengine.command.booking;

import com.bookingengine.api.booking.ApprovePaymentCommand;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.ChangeParticipantsCommand;
import com.bookingengine.api.booking.ConfirmBookingCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.DeclineBookingCommand;
import com.bookingengine.api.booking.FailPaymentCommand;
import com.bookingengine.api.booking.PaymentRequest;
import com.bookingengine.api.booking.RescheduleBookingCommand;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.WorkingHours;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.TimeRange;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.capacity.ProviderDay;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appointment side of the capacity invariant as a property: random books, cancels, declines, confirms, payment
 * outcomes, reschedules (on and off the grid) and participant changes against one provider over two local days
 * whose working hours run up to and from midnight, with a random buffer, through the real command handler and
 * event-sourced aggregates. After every step, the time held by seat-holding bookings, buffers included, never
 * overlaps, and each provider day holds exactly the pieces of those bookings that fall on it. Seeds are fixed; a
 * failure names its seed and step.
 */
class ProviderDayPropertyTest {

    private static final int RUNS = 150;
    private static final int STEPS = 60;
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final List<LocalDate> DAYS = List.of(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01"),
            LocalDate.parse("2026-12-02"));
    private static final ContactDetails ADA = new ContactDetails("c-1", "Ada", "Lovelace", "ada@example.com", null, null);

    @Test
    void heldTimeNeverOverlapsAndAlwaysMatchesTheSeatHoldingBookings() {
        PropertyRuns.forSeeds(20261124L, RUNS, this::run);
    }

    private void run(long seed) {
        Random random = new Random(seed);
        int slotMinutes = random.nextBoolean() ? 30 : 45;
        int buffer = random.nextInt(5) * 15;
        List<WorkingHours> hours = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.add(new WorkingHours(day, LocalTime.of(0, 0), LocalTime.of(2, 0)));
            hours.add(new WorkingHours(day, LocalTime.of(21, 0), LocalTime.of(23, 59)));
        }
        AppointmentSchedule schedule = new AppointmentSchedule(hours, slotMinutes);
        Engine engine = new Engine(Clock.fixed(NOW, ZoneOffset.UTC));
        engine.store.appointmentService("svc", ZONE.getId(), schedule,
                new BookingPolicy(0, 365, 0, 2, 0, buffer, 15), random.nextBoolean());
        List<AppointmentSchedule.TimeSlot> slots = new ArrayList<>();
        DAYS.subList(0, 2).forEach(d -> slots.addAll(schedule.slotsOn(d, ZONE)));
        List<String> bookings = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            Object command = randomCommand(random, bookings, slots);
            try {
                engine.send(command);
            } catch (RuleViolation rejected) {
                // a rejection is a legal outcome; the invariant must hold either way
            }
            if (command instanceof CreateBookingCommand create && engine.booking(create.bookingId()).isPresent()
                    && !bookings.contains(create.bookingId())) {
                bookings.add(create.bookingId());
            }
            check(engine, bookings, buffer, "seed " + seed + ", step " + step + " (" + command + ")");
        }
    }

    private static Object randomCommand(Random random, List<String> bookings, List<AppointmentSchedule.TimeSlot> slots) {
        int kind = bookings.isEmpty() ? 0 : random.nextInt(10);
        String some = bookings.isEmpty() ? null : bookings.get(random.nextInt(bookings.size()));
        AppointmentSchedule.TimeSlot slot = slots.get(random.nextInt(slots.size()));
        Instant start = random.nextInt(10) == 0 ? slot.start().plusSeconds(600) : slot.start(); // sometimes off grid
        return switch (kind) {
            case 0, 1, 2, 3 -> new CreateBookingCommand("b-" + bookings.size() + "-" + random.nextInt(1000), "svc",
                    null, start, slot.end(), 1, ADA, null,
                    new PaymentRequest(random.nextBoolean() ? PaymentOption.IN_PERSON : PaymentOption.ONLINE, null,
                            null, null), random.nextBoolean());
            case 4 -> new CancelBookingCommand(some, null, null, CancelRequester.OWNER);
            case 5 -> random.nextBoolean() ? new DeclineBookingCommand(some, null, null)
                    : new ConfirmBookingCommand(some, null, null);
            case 6 -> random.nextBoolean() ? new ApprovePaymentCommand(some, "tx-" + some, null)
                    : new FailPaymentCommand(some, null, null);
            case 7, 8 -> new RescheduleBookingCommand(some, null, start, slot.end(), null);
            default -> new ChangeParticipantsCommand(some, 2, null);
        };
    }

    private static void check(Engine engine, List<String> bookingIds, int buffer, String where) {
        List<Booking> holders = bookingIds.stream().map(id -> engine.booking(id).orElseThrow())
                .filter(Booking::holdsSeats).toList();
        Map<String, Map<String, List<Instant>>> expected = new HashMap<>();
        for (int i = 0; i < holders.size(); i++) {
            Place a = holders.get(i).place();
            Instant aUntil = a.end().plus(Duration.ofMinutes(buffer));
            for (int j = i + 1; j < holders.size(); j++) {
                Place b = holders.get(j).place();
                Instant bUntil = b.end().plus(Duration.ofMinutes(buffer));
                assertThat(a.start().isBefore(bUntil) && b.start().isBefore(aUntil))
                        .as(where + ": " + holders.get(i).bookingId() + " " + a + " overlaps "
                                + holders.get(j).bookingId() + " " + b + " with a buffer of " + buffer)
                        .isFalse();
            }
            for (ProviderDay.Piece piece : ProviderDay.pieces("svc", ZONE, new TimeRange(a.start(), aUntil))) {
                expected.computeIfAbsent(piece.dayId(), d -> new HashMap<>())
                        .put(holders.get(i).bookingId(), List.of(piece.from(), piece.to()));
            }
        }
        for (LocalDate date : DAYS) {
            String dayId = ProviderDay.dayId("svc", date);
            Map<String, List<Instant>> held = new HashMap<>();
            engine.day(dayId).ifPresent(day -> day.held().forEach(
                    (booking, piece) -> held.put(booking, List.of(piece.from(), piece.to()))));
            assertThat(held).as(where + ": time held in " + dayId + " vs seat-holding bookings")
                    .isEqualTo(expected.getOrDefault(dayId, Map.of()));
        }
    }
}

package com.bookingengine.command.booking;

import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.ConfirmBookingCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.DeclineBookingCommand;
import com.bookingengine.api.booking.PaymentRequest;
import com.bookingengine.api.booking.RescheduleBookingCommand;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.Provider;
import com.bookingengine.api.catalogue.WorkingHours;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.TimeRange;
import com.bookingengine.api.rules.Rule;
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
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capacity invariant per provider, as a property: random creates naming a provider or any, cancels, declines,
 * confirms and reschedules (keeping, naming or leaving the provider open) against three providers (one working its
 * own, shorter hours) over three local days, with a random buffer and, in some runs, one provider retired midway.
 * After every step: no provider holds two overlapping bookings (buffers included), every booking sits with a
 * provider whose days hold exactly its pieces, an "any available" create or move refused for lack of room had no
 * able provider free when it ran, and one that succeeded got the free provider with the fewest bookings that local
 * day, ties by the service's order. Seeds are fixed; a failure names its seed and step.
 */
class ProvidersPropertyTest {

    private static final int RUNS = 60;
    private static final int STEPS = 70;
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final List<LocalDate> DAYS = List.of(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01"),
            LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-03"));
    private static final ContactDetails ADA = new ContactDetails("c-1", "Ada", "Lovelace", "ada@example.com", null, null);

    @Test
    void noProviderIsDoubleBookedAndAnyAvailableFindsTheFairestFreeProvider() {
        PropertyRuns.forSeeds(20261130L, RUNS, this::run);
    }

    private record World(Engine engine, AppointmentSchedule schedule, int buffer, List<String> bookings) {
    }

    private void run(long seed) {
        Random random = new Random(seed);
        int buffer = random.nextInt(3) * 15;
        List<WorkingHours> hours = new ArrayList<>();
        List<WorkingHours> shortHours = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.add(new WorkingHours(day, LocalTime.of(9, 0), LocalTime.of(12, 0)));
            shortHours.add(new WorkingHours(day, LocalTime.of(10, 0), LocalTime.of(11, 0)));
        }
        List<Provider> providers = List.of(new Provider("anna", "Anna", null, false),
                new Provider("ben", "Ben", shortHours, false), new Provider("cleo", "Cleo", null, false));
        AppointmentSchedule schedule = new AppointmentSchedule(hours, 30, providers);
        BookingPolicy policy = new BookingPolicy(0, 365, 0, 1, 0, buffer, 15);
        Engine engine = new Engine(Clock.fixed(NOW, ZoneOffset.UTC));
        engine.store.appointmentService("svc", ZONE.getId(), schedule, policy, random.nextBoolean());
        World world = new World(engine, schedule, buffer, new ArrayList<>());
        List<AppointmentSchedule.TimeSlot> slots = new ArrayList<>();
        for (LocalDate d : DAYS) {
            slots.addAll(schedule.slotsOn(d, ZONE));
        }
        int retireAt = random.nextBoolean() ? random.nextInt(STEPS) : -1;
        for (int step = 0; step < STEPS; step++) {
            if (step == retireAt) { // Cleo leaves: she keeps her bookings and takes no new ones
                schedule = new AppointmentSchedule(hours, 30, List.of(providers.get(0), providers.get(1),
                        providers.get(2).retired(true)));
                engine.store.updateAppointmentService("svc", 1, schedule, policy);
                world = new World(engine, schedule, buffer, world.bookings());
            }
            Object command = randomCommand(random, world.bookings(), slots, providers);
            String where = "seed " + seed + ", step " + step + " (" + command + ")";
            Expectation expected = expectationFor(world, command);
            String outcome;
            try {
                engine.send(command);
                outcome = "ok";
            } catch (RuleViolation rejected) {
                outcome = rejected.rule().name();
            }
            if (command instanceof CreateBookingCommand create && engine.booking(create.bookingId()).isPresent()
                    && !world.bookings().contains(create.bookingId())) {
                world.bookings().add(create.bookingId());
            }
            if (expected != null) {
                expected.check(engine, outcome, where);
            }
            check(world, where);
        }
    }

    private static Object randomCommand(Random random, List<String> bookings, List<AppointmentSchedule.TimeSlot> slots,
                                        List<Provider> providers) {
        int kind = bookings.isEmpty() ? 0 : random.nextInt(10);
        String some = bookings.isEmpty() ? null : bookings.get(random.nextInt(bookings.size()));
        AppointmentSchedule.TimeSlot slot = slots.get(random.nextInt(slots.size()));
        String provider = random.nextInt(3) == 0 ? providers.get(random.nextInt(providers.size())).providerId() : null;
        return switch (kind) {
            case 0, 1, 2, 3, 4 -> new CreateBookingCommand("b-" + bookings.size() + "-" + random.nextInt(1000), "svc",
                    null, slot.start(), slot.end(), 1, ADA, null,
                    new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false, provider);
            case 5 -> new CancelBookingCommand(some, null, null, CancelRequester.OWNER);
            case 6 -> random.nextBoolean() ? new DeclineBookingCommand(some, null, null)
                    : new ConfirmBookingCommand(some, null, null);
            default -> new RescheduleBookingCommand(some, null, slot.start(), slot.end(), null, provider);
        };
    }

    /**
     * What an "any available" create must come to, judged before it runs: refused for lack of room exactly when no
     * active provider whose hours have the slot is free for its held time; else booked with the free one that has the
     * fewest bookings that local day, ties by the service's order.
     */
    private record Expectation(String bookingId, String provider) {

        void check(Engine engine, String outcome, String where) {
            if (provider == null) {
                assertThat(outcome).as(where + ": no able provider was free").isIn(Rule.PROVIDER_TIME_TAKEN.name());
                return;
            }
            assertThat(outcome).as(where + ": provider " + provider + " was free").isEqualTo("ok");
            assertThat(engine.booking(bookingId).orElseThrow().place().providerId()).as(where + ": fairest free")
                    .isEqualTo(provider);
        }
    }

    private static Expectation expectationFor(World world, Object command) {
        if (!(command instanceof CreateBookingCommand create) || create.providerId() != null) {
            return null;
        }
        Engine engine = world.engine();
        if (engine.booking(create.bookingId()).isPresent()) {
            return null;
        }
        LocalDate date = create.start().atZone(ZONE).toLocalDate();
        TimeRange held = new TimeRange(create.start(), create.end().plus(Duration.ofMinutes(world.buffer())));
        String best = null;
        int fewest = Integer.MAX_VALUE;
        List<Provider> able = world.schedule().providersWithSlot(create.start(), create.end(), ZONE);
        if (able.isEmpty()) {
            return null; // not a slot of anyone taking bookings: another rule
        }
        for (Provider p : able) {
            boolean free = ProviderDay.pieces("svc", p.providerId(), ZONE, held).stream().allMatch(piece ->
                    engine.day(piece.dayId()).map(d -> d.isFree(create.bookingId(), piece.from(), piece.to()))
                            .orElse(true));
            int count = engine.day(ProviderDay.dayId("svc", p.providerId(), date)).map(ProviderDay::bookings)
                    .orElse(0);
            if (free && count < fewest) {
                best = p.providerId();
                fewest = count;
            }
        }
        return new Expectation(create.bookingId(), best);
    }

    private static void check(World world, String where) {
        Engine engine = world.engine();
        List<Booking> holders = world.bookings().stream().map(id -> engine.booking(id).orElseThrow())
                .filter(Booking::holdsSeats).toList();
        Map<String, Map<String, List<Instant>>> expected = new HashMap<>();
        for (int i = 0; i < holders.size(); i++) {
            Place a = holders.get(i).place();
            assertThat(a.providerId()).as(where + ": every booking has a listed provider")
                    .isIn("anna", "ben", "cleo");
            Instant aUntil = a.end().plus(Duration.ofMinutes(world.buffer()));
            for (int j = i + 1; j < holders.size(); j++) {
                Place b = holders.get(j).place();
                Instant bUntil = b.end().plus(Duration.ofMinutes(world.buffer()));
                assertThat(Objects.equals(a.providerId(), b.providerId()) && a.start().isBefore(bUntil)
                        && b.start().isBefore(aUntil))
                        .as(where + ": " + holders.get(i).bookingId() + " " + a + " overlaps "
                                + holders.get(j).bookingId() + " " + b + " with a buffer of " + world.buffer())
                        .isFalse();
            }
            for (ProviderDay.Piece piece : ProviderDay.pieces("svc", a.providerId(), ZONE,
                    new TimeRange(a.start(), aUntil))) {
                expected.computeIfAbsent(piece.dayId(), d -> new HashMap<>())
                        .put(holders.get(i).bookingId(), List.of(piece.from(), piece.to()));
            }
        }
        for (LocalDate date : DAYS) {
            for (String provider : List.of("anna", "ben", "cleo")) {
                String dayId = ProviderDay.dayId("svc", provider, date);
                Map<String, List<Instant>> held = new HashMap<>();
                engine.day(dayId).ifPresent(day -> day.held().forEach(
                        (booking, piece) -> held.put(booking, List.of(piece.from(), piece.to()))));
                assertThat(held).as(where + ": time held in " + dayId + " vs seat-holding bookings")
                        .isEqualTo(expected.getOrDefault(dayId, Map.of()));
            }
        }
    }
}

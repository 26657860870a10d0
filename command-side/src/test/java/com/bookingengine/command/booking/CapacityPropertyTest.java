package com.bookingengine.command.booking;

import com.bookingengine.api.booking.ApprovePaymentCommand;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.ChangeParticipantsCommand;
import com.bookingengine.api.booking.CheckoutExpiredEvent;
import com.bookingengine.api.booking.ConfirmBookingCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.DeclineBookingCommand;
import com.bookingengine.api.booking.FailPaymentCommand;
import com.bookingengine.api.booking.PaymentRequest;
import com.bookingengine.api.booking.RescheduleBookingCommand;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.capacity.ClassSession;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capacity invariant as a property: random books (with and without the waitlist), cancels, declines,
 * confirms, payment outcomes, checkout expiries (time passing), reschedules and participant changes on two
 * sessions of one service, through the
 * real command handler and event-sourced aggregates. After every step, each session's seats equal the sum over
 * its seat-holding bookings and never exceed its capacity, its waitlist is exactly its waitlisted bookings, and
 * no waitlisted booking would fit (promotion never leaves a fitting one behind). Seeds are fixed; a failure
 * names its seed and step so it can be replayed alone.
 */
class CapacityPropertyTest {

    private static final int RUNS = 200;
    private static final int STEPS = 60;
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> SESSIONS = List.of("s-1", "s-2");
    private static final ContactDetails ADA = new ContactDetails("c-1", "Ada", "Lovelace", "ada@example.com", null, null);

    @Test
    void seatsNeverExceedCapacityAndAlwaysMatchTheSeatHoldingBookings() {
        PropertyRuns.forSeeds(20261123L, RUNS, this::run);
        // the walks did reach the rarer paths
        assertThat(expiries).as("checkouts expired over all runs").isPositive();
    }

    private int expiries;

    private void run(long seed) {
        Random random = new Random(seed);
        boolean approval = random.nextBoolean();
        int waitlistCapacity = random.nextInt(4);
        Engine engine = new Engine(Clock.fixed(NOW, ZoneOffset.UTC));
        engine.store.service("svc", Money.of("10.00", "EUR"), Set.of(PaymentOption.IN_PERSON, PaymentOption.ONLINE),
                approval, List.of(), new BookingPolicy(0, 365, 0, 3, waitlistCapacity, 0, 15));
        Map<String, Integer> capacities = new HashMap<>();
        for (int i = 0; i < SESSIONS.size(); i++) {
            int capacity = 1 + random.nextInt(5);
            capacities.put(SESSIONS.get(i), capacity);
            engine.store.session(SESSIONS.get(i), "svc", NOW.plus(Duration.ofDays(1 + i)), capacity);
        }
        List<String> bookings = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            if (random.nextInt(12) == 0) {
                // time passes: checkouts older than the 15-minute timeout expire, freeing seats and promoting
                engine.advanceTimeBy(Duration.ofMinutes(8));
                check(engine, bookings, capacities, "seed " + seed + ", step " + step + " (8 minutes pass)");
                continue;
            }
            Object command = randomCommand(random, bookings);
            try {
                engine.send(command);
            } catch (RuleViolation rejected) {
                // a rejection is a legal outcome; the invariant must hold either way
            }
            if (command instanceof CreateBookingCommand create && engine.booking(create.bookingId()).isPresent()
                    && !bookings.contains(create.bookingId())) {
                bookings.add(create.bookingId());
            }
            check(engine, bookings, capacities, "seed " + seed + ", step " + step + " (" + command + ")");
        }
        expiries += (int) bookings.stream().filter(id -> engine.events(id).stream()
                .anyMatch(e -> e.getPayload() instanceof CheckoutExpiredEvent)).count();
    }

    private static Object randomCommand(Random random, List<String> bookings) {
        int kind = bookings.isEmpty() ? 0 : random.nextInt(10);
        String some = bookings.isEmpty() ? null : bookings.get(random.nextInt(bookings.size()));
        return switch (kind) {
            case 0, 1, 2 -> new CreateBookingCommand("b-" + bookings.size() + "-" + random.nextInt(1000), "svc",
                    SESSIONS.get(random.nextInt(SESSIONS.size())), null, null, 1 + random.nextInt(3), ADA, null,
                    new PaymentRequest(random.nextBoolean() ? PaymentOption.IN_PERSON : PaymentOption.ONLINE, null,
                            null, null), random.nextBoolean());
            case 3 -> new CancelBookingCommand(some, null, null, CancelRequester.OWNER);
            case 4 -> new DeclineBookingCommand(some, null, null);
            case 5 -> new ConfirmBookingCommand(some, null, null);
            case 6 -> random.nextBoolean() ? new ApprovePaymentCommand(some, "tx-" + some, null)
                    : new FailPaymentCommand(some, null, null);
            case 7, 8 -> new RescheduleBookingCommand(some, SESSIONS.get(random.nextInt(SESSIONS.size())), null, null, null);
            default -> new ChangeParticipantsCommand(some, 1 + random.nextInt(4), null);
        };
    }

    private static void check(Engine engine, List<String> bookingIds, Map<String, Integer> capacities, String where) {
        Map<String, Map<String, Integer>> expectedSeats = new HashMap<>();
        Map<String, List<String>> expectedWaitlists = new HashMap<>();
        for (String id : bookingIds) {
            Booking booking = engine.booking(id).orElseThrow();
            if (booking.holdsSeats()) {
                expectedSeats.computeIfAbsent(booking.sessionId(), s -> new HashMap<>()).put(id, booking.participants());
            } else if (booking.isWaitlisted()) {
                expectedWaitlists.computeIfAbsent(booking.sessionId(), s -> new ArrayList<>()).add(id);
            }
        }
        for (String sessionId : SESSIONS) {
            ClassSession session = engine.session(sessionId);
            Map<String, Integer> held = session.seatsByBooking();
            int sum = held.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(sum).as(where + ": seats held in " + sessionId).isEqualTo(session.taken())
                    .isLessThanOrEqualTo(capacities.get(sessionId));
            assertThat(held).as(where + ": seats of " + sessionId + " vs seat-holding bookings")
                    .isEqualTo(expectedSeats.getOrDefault(sessionId, Map.of()));
            assertThat(session.waitlist()).as(where + ": waitlist of " + sessionId)
                    .containsExactlyInAnyOrderElementsOf(expectedWaitlists.getOrDefault(sessionId, List.of()));
            for (String waiting : session.waitlist()) {
                assertThat(engine.booking(waiting).orElseThrow().participants())
                        .as(where + ": waitlisted " + waiting + " would fit in " + sessionId)
                        .isGreaterThan(session.openSpots());
            }
        }
    }
}

package com.bookingengine.systest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §3's capacity invariant and §6's "several command-side nodes" with real processes: two command-side and two
 * query-side jars on one PostgreSQL database. Parallel clients race over both command nodes for the last seats of a
 * class session, of a course and for one provider's time; exactly capacity bookings win, everyone else gets a 409,
 * both query nodes show the same, and the event store, read by SQL, holds no duplicate, no gap, no half-written
 * booking and no overbooked session. Meanwhile a checkout started on one node expires once, whichever node fires it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeRaceTest {

    @RegisterExtension
    static final Cluster cluster = new Cluster("race");

    private static Http commandA;
    private static Http commandB;
    private static Http query1;
    private static Http query2;

    /** The ONLINE booking whose checkout (1 minute) expires while the races run. */
    private static Fixtures.ClassService checkoutService;
    private static String checkoutBookingId;
    private static Instant checkoutBookedAt;
    private static long classStarted;

    @BeforeAll
    static void startNodesAndBeginACheckout() {
        classStarted = System.nanoTime();
        cluster.ensure(2, 2);
        commandA = new Http(cluster.commands.get(0));
        commandB = new Http(cluster.commands.get(1));
        query1 = new Http(cluster.queries.get(0));
        query2 = new Http(cluster.queries.get(1));

        // Started first so that its deadline runs out while the races run (the class stays near two minutes).
        checkoutService = Fixtures.classService(commandA, 5, List.of(1),
                Map.of("checkoutTimeoutMinutes", 1, "maxAdvanceDays", 400));
        Http.Response booked = commandB.post(Cluster.BOOKER, "/bookings", Fixtures.sessionBooking(
                checkoutService.serviceId(), checkoutService.sessionIds().get(0), "ONLINE"));
        checkoutBookedAt = Instant.now();
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.text("status")).isEqualTo("PENDING_CHECKOUT");
        checkoutBookingId = booked.text("bookingId");
    }

    @Test
    @Order(1)
    void sixtyClientsOverTwoNodesGetExactlyTheFiveSeatsOfAClassSession() throws Exception {
        Fixtures.ClassService service = Fixtures.classService(commandA, 7, List.of(5), null);
        String sessionId = service.sessionIds().get(0);
        List<Callable<Http.Response>> creates = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Http node = i % 2 == 0 ? commandA : commandB;
            Map<String, Object> body = Fixtures.sessionBooking(service.serviceId(), sessionId, "IN_PERSON");
            creates.add(() -> node.post(Cluster.BOOKER, "/bookings", body));
        }

        Set<String> won = winners(allAtOnce(creates), 5);

        cluster.awaitCaughtUp(Duration.ofSeconds(30));
        JsonNode availability = sameOnBothQueryNodes(service.serviceId(), won, service.from(), service.to());
        assertThat(ReadModels.openSpots(availability, sessionId)).isZero();
    }

    @Test
    @Order(2)
    void fortyClientsOverTwoNodesGetExactlyTheFiveSeatsOfACourse() throws Exception {
        Fixtures.Course course = Fixtures.course(commandB, 5, 14);
        List<Callable<Http.Response>> creates = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Http node = i % 2 == 0 ? commandA : commandB;
            Map<String, Object> body = Fixtures.courseBooking(course);
            creates.add(() -> node.post(Cluster.BOOKER, "/bookings", body));
        }

        Set<String> won = winners(allAtOnce(creates), 5);

        cluster.awaitCaughtUp(Duration.ofSeconds(30));
        JsonNode availability = sameOnBothQueryNodes(course.serviceId(), won, course.start().minusSeconds(60),
                course.end().plusSeconds(60));
        assertThat(availability.path("slots")).hasSize(1);
        assertThat(availability.path("slots").get(0).path("openSpots").asInt()).isZero();
    }

    /**
     * 30-minute slots with a 90-minute buffer: each booking holds two hours, so any two of 10:00, 10:30, 11:00 and
     * 11:30 conflict. 40 clients, 10 per slot, over both nodes: the provider's day has room for exactly one.
     */
    @Test
    @Order(3)
    void fortyClientsOverTwoNodesForFourConflictingSlotsOfOneProviderGetExactlyOne() throws Exception {
        Fixtures.Appointments service = Fixtures.appointments(commandA, 9, 90);
        List<Instant> slots = List.of(service.at("10:00"), service.at("10:30"), service.at("11:00"),
                service.at("11:30"));
        List<Callable<Http.Response>> creates = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Http node = i % 2 == 0 ? commandA : commandB;
            Map<String, Object> body = Fixtures.appointmentBooking(service, slots.get(i % slots.size()));
            creates.add(() -> node.post(Cluster.BOOKER, "/bookings", body));
        }

        Set<String> won = winners(allAtOnce(creates), 1);

        cluster.awaitCaughtUp(Duration.ofSeconds(30));
        JsonNode availability = sameOnBothQueryNodes(service.serviceId(), won, service.from(), service.to());
        for (JsonNode slot : availability.path("slots")) {
            Instant start = Instant.parse(slot.path("start").asText());
            if (slots.contains(start)) {
                assertThat(slot.path("bookable").asBoolean()).as(slot.toString()).isFalse();
            }
        }
    }

    /**
     * The store itself, by SQL: one event per (aggregate, sequence), sequences 0..n-1, every booking created with a
     * seat has its reservation and the reverse, no session ever over capacity and no provider time ever double-held
     * (folded in global order), and every created booking is on both query nodes' lists (no skipped event).
     */
    @Test
    @Order(4)
    void theEventStoreHoldsNoDuplicateNoGapNoHalfWrittenBookingAndNoOverbooking() {
        EventStore store = new EventStore(cluster.db());
        store.assertNoDuplicateAndNoGap();
        store.assertCreatedAndReservedTogether();
        EventStore.Fold fold = store.assertCapacityNeverExceeded();
        assertThat(fold.events()).isPositive();

        cluster.awaitCaughtUp(Duration.ofSeconds(30));
        Set<String> created = store.createdBookingIds();
        assertThat(ReadModels.allBookings(query1).keySet()).as("bookings on query node 1")
                .containsExactlyInAnyOrderElementsOf(created);
        assertThat(ReadModels.allBookings(query2).keySet()).as("bookings on query node 2")
                .containsExactlyInAnyOrderElementsOf(created);
        System.out.printf("[systest] event store: %d events, %d bookings, %d seat and time events folded%n",
                cluster.db().head() + 1, created.size(), fold.events());
        // Evidence that the races met in the database, not only in one node's aggregate lock: each line is an append
        // the unique (aggregate, sequence) key refused, which the losing node then retried.
        for (Node node : cluster.commands) {
            System.out.printf("[systest] %s: %d appends refused by the unique (aggregate, sequence) key%n", node.name,
                    node.logLinesContaining("violates unique constraint \"domain_event_entry_aggregate_sequence\""));
        }
    }

    /**
     * The ONLINE booking of {@link #startNodesAndBeginACheckout} was left unpaid with checkoutTimeoutMinutes 1 and
     * both command nodes polling the deadline table: exactly one CheckoutExpiredEvent, the booking CANCELED (README:
     * "unpaid by then, the engine cancels it") and its seat free again, on both query nodes.
     */
    @Test
    @Order(5)
    void anUnpaidCheckoutExpiresExactlyOnceWithTwoCommandNodes() {
        EventStore store = new EventStore(cluster.db());
        // 60 s timeout + 5 s polling + slack for a loaded machine.
        String late = Cluster.waitUntil("checkout expired", remaining(Duration.ofSeconds(120)),
                () -> store.count(EventStore.CHECKOUT_EXPIRED, checkoutBookingId) > 0 ? null
                        : "no CheckoutExpiredEvent for " + checkoutBookingId + " yet");
        assertThat(late).isNull();
        Instant expiredAt = Instant.now();
        System.out.printf("[systest] checkout expired %.0f s after it was booked%n",
                Duration.between(checkoutBookedAt, expiredAt).toMillis() / 1e3);
        // Not before its timeout, judged by the store's own timestamps (the client's clock saw the answer later).
        Instant createdAt = Instant.parse(cluster.db().column("select time_stamp from domain_event_entry "
                + "where payload_type = ? and aggregate_identifier = ?", EventStore.CREATED, checkoutBookingId).get(0));
        Instant expiredStored = Instant.parse(cluster.db().column("select time_stamp from domain_event_entry "
                + "where payload_type = ? and aggregate_identifier = ?", EventStore.CHECKOUT_EXPIRED,
                checkoutBookingId).get(0));
        assertThat(expiredStored).as("expired at, created at " + createdAt)
                .isAfterOrEqualTo(createdAt.plusSeconds(60));

        // Two more polling intervals of both nodes: a second firing would show now.
        Node.sleep(11_000);
        assertThat(store.count(EventStore.CHECKOUT_EXPIRED, checkoutBookingId)).as("CheckoutExpiredEvents")
                .isEqualTo(1);
        assertThat(cluster.db().number("select count(*) from scheduled_tasks")).as("deadlines left").isZero();

        cluster.awaitCaughtUp(Duration.ofSeconds(30));
        String sessionId = checkoutService.sessionIds().get(0);
        for (Http query : List.of(query1, query2)) {
            Http.Response booking = query.get(Cluster.OWNER, "/bookings/" + checkoutBookingId);
            assertThat(booking.status()).as(booking.toString()).isEqualTo(200);
            assertThat(booking.text("status")).as(booking.toString()).isEqualTo("CANCELED");
            JsonNode availability = ReadModels.availability(query, checkoutService.serviceId(),
                    checkoutService.from(), checkoutService.to());
            assertThat(ReadModels.openSpots(availability, sessionId)).as("seat freed").isEqualTo(1);
        }
        System.out.printf("[systest] MultiNodeRaceTest ran %.1f s from the first node start%n",
                (System.nanoTime() - classStarted) / 1e9);
    }

    /** What is left of {@code budget} counted from the checkout's booking (at least 10 s). */
    private static Duration remaining(Duration budget) {
        Duration left = Duration.between(Instant.now(), checkoutBookedAt.plus(budget));
        return left.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : left;
    }

    /**
     * Exactly {@code capacity} answers are 201; every other one is a 409 problem+json with reason "capacity" (or
     * "concurrency": a client that lost more races than the gateway retries); no 5xx, no missing answer.
     */
    private static Set<String> winners(List<Http.Response> answers, int capacity) {
        Set<String> won = new TreeSet<>();
        int capacityConflicts = 0;
        int concurrencyConflicts = 0;
        for (Http.Response response : answers) {
            if (response.status() == 201) {
                won.add(response.text("bookingId"));
                assertThat(response.text("status")).as(response.toString()).isEqualTo("CONFIRMED");
                continue;
            }
            assertThat(response.status()).as(response.toString()).isEqualTo(409);
            assertThat(response.isProblem()).as(response.toString()).isTrue();
            assertThat(response.text("reason")).as(response.toString()).isIn("capacity", "concurrency");
            if ("capacity".equals(response.text("reason"))) {
                capacityConflicts++;
            } else {
                concurrencyConflicts++;
            }
        }
        System.out.printf("[systest] race: %d created, %d x 409 capacity, %d x 409 concurrency%n", won.size(),
                capacityConflicts, concurrencyConflicts);
        assertThat(won).as("bookings answered 201").hasSize(capacity);
        return won;
    }

    /**
     * Both query nodes list the same bookings of the service (ids and statuses), exactly the ones answered 201, and
     * show the same availability; answers that availability.
     */
    private static JsonNode sameOnBothQueryNodes(String serviceId, Set<String> won, Instant from, Instant to) {
        Map<String, JsonNode> listed1 = ReadModels.bookingsOf(query1, serviceId);
        Map<String, JsonNode> listed2 = ReadModels.bookingsOf(query2, serviceId);
        assertThat(listed1.keySet()).as("listed on query node 1").containsExactlyInAnyOrderElementsOf(won);
        assertThat(listed2.keySet()).as("listed on query node 2").containsExactlyInAnyOrderElementsOf(won);
        listed1.forEach((id, booking) -> {
            assertThat(booking.path("status").asText()).as(id).isEqualTo("CONFIRMED");
            assertThat(listed2.get(id).path("status").asText()).as(id).isEqualTo("CONFIRMED");
        });
        JsonNode availability1 = ReadModels.availability(query1, serviceId, from, to);
        JsonNode availability2 = ReadModels.availability(query2, serviceId, from, to);
        assertThat(availability2).as("availability on query node 2 vs 1").isEqualTo(availability1);
        return availability1;
    }

    /** Runs every call at the same moment (one thread each) and answers the responses in call order. */
    static List<Http.Response> allAtOnce(List<Callable<Http.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (Callable<Http.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await();
            go.countDown();
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }
}

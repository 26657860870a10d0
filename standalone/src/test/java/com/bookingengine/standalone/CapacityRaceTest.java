package com.bookingengine.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.bookingengine.standalone.Api.hours;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capacity invariant under load: many clients book the last seats of one session at the same moment, through
 * two engine nodes that share one event store (each node has its own Axon configuration and aggregate locks, so
 * only the event store's unique key stands between them). Exactly capacity bookings succeed; the rest get 409.
 * The same holds for a course's seats and for an appointment provider's time, buffers included.
 */
class CapacityRaceTest {

    private static final String DB = "jdbc:h2:mem:race-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodes() {
        // Two nodes in one JVM share a process id: each must name itself when claiming projection segments.
        nodeA = Nodes.start(Map.of("spring.datasource.url", DB, "booking.node-id", "node-a"));
        nodeB = Nodes.start(Map.of("spring.datasource.url", DB, "booking.node-id", "node-b"));
    }

    @AfterAll
    static void stop() {
        nodeB.close();
        nodeA.close();
    }

    @Test
    void exactlyCapacityParallelBookingsSucceedAcrossTwoNodes() throws Exception {
        Api a = Nodes.api(nodeA);
        Api b = Nodes.api(nodeB);
        int capacity = 5;
        int clients = 60;
        Api.ClassFixture session = a.createClass(capacity, Map.of());

        List<Callable<Api.Response>> creates = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Api node = i % 2 == 0 ? a : b;
            Map<String, Object> body = Api.booking(session, "IN_PERSON");
            body.put("bookingId", UUID.randomUUID().toString());
            creates.add(() -> node.post(Api.BOOKER, "/bookings", body));
        }
        List<Api.Response> answers = allAtOnce(creates);

        // exactly capacity 201s; every other answer a 409 "capacity" problem (checked by created)
        assertThat(created(answers)).hasSize(capacity);
        assertThat(answers).filteredOn(r -> r.status() == 409).hasSize(clients - capacity);
        Api.Response listed = a.get(Api.OWNER, "/bookings?serviceId=" + session.serviceId() + "&size=200");
        assertThat(listed.body().path("total").asInt()).isEqualTo(capacity);
        Api.Response slots = a.get(Api.OWNER, "/availability?serviceId=" + session.serviceId()
                + "&from=" + session.start().minusSeconds(60) + "&to=" + session.start().plusSeconds(60));
        assertThat(slots.body().path("slots").get(0).path("openSpots").asInt()).isZero();
        assertThat(slots.body().path("slots").get(0).path("bookable").asBoolean()).isFalse();
    }

    @Test
    void aCanceledSeatCanBeTakenAgainButNeverTwice() throws Exception {
        Api a = Nodes.api(nodeA);
        Api b = Nodes.api(nodeB);
        Api.ClassFixture session = a.createClass(1, Map.of());
        Api.Response first = a.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(b.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")).status()).isEqualTo(409);

        assertThat(b.post(Api.OWNER, "/bookings/" + first.text("bookingId") + "/cancel", Map.of()).status())
                .isEqualTo(200);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Api node = i % 2 == 0 ? a : b;
            answers.add(pool.submit(() -> {
                go.await();
                return node.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")).status();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    }

    /**
     * Moves and resizes race for the last seats the same way creates do: 24 bookings reschedule into a session of
     * 4 seats while 6 bookings of another session each ask for 2 more participants with 4 seats open, all at once
     * over both nodes. Exactly 4 moves and 2 resizes succeed; every other answer is 409 "capacity".
     */
    @Test
    void reschedulesAndParticipantChangesTakeExactlyTheOpenSeats() throws Exception {
        Api a = Nodes.api(nodeA);
        Api b = Nodes.api(nodeB);
        Api.ClassFixture from = a.createClass(40, Map.of("policy", Map.of("maxParticipantsPerBooking", 5)));
        Api.ClassFixture into = session(a, from, 1, 4);
        Api.ClassFixture growing = session(a, from, 2, 10);
        List<String> movers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            movers.add(a.post(Api.BOOKER, "/bookings", Api.booking(from, "IN_PERSON")).text("bookingId"));
        }
        List<String> growers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            growers.add(a.post(Api.BOOKER, "/bookings", Api.booking(growing, "IN_PERSON")).text("bookingId"));
        }
        assertThat(movers).doesNotContainNull();
        assertThat(growers).doesNotContainNull();

        ExecutorService pool = Executors.newFixedThreadPool(30);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> moves = new ArrayList<>();
        List<Future<Api.Response>> resizes = new ArrayList<>();
        for (int i = 0; i < movers.size(); i++) {
            Api node = i % 2 == 0 ? a : b;
            String id = movers.get(i);
            moves.add(pool.submit(() -> {
                go.await();
                return node.post(Api.BOOKER, "/bookings/" + id + "/reschedule", Map.of("sessionId", into.sessionId()));
            }));
        }
        for (int i = 0; i < growers.size(); i++) {
            Api node = i % 2 == 0 ? b : a;
            String id = growers.get(i);
            resizes.add(pool.submit(() -> {
                go.await();
                return node.post(Api.BOOKER, "/bookings/" + id + "/participants", Map.of("participants", 3));
            }));
        }
        go.countDown();
        assertThat(succeeded(moves)).isEqualTo(4);
        assertThat(succeeded(resizes)).isEqualTo(2);
        pool.shutdown();

        int intoSeats = 0;
        int growingSeats = 0;
        int fromSeats = 0;
        for (var item : a.get(Api.OWNER, "/bookings?serviceId=" + from.serviceId() + "&size=200").body().path("items")) {
            int participants = item.path("participants").asInt();
            String sessionId = item.path("sessionId").asText();
            if (sessionId.equals(into.sessionId())) {
                intoSeats += participants;
            } else if (sessionId.equals(growing.sessionId())) {
                growingSeats += participants;
            } else {
                fromSeats += participants;
            }
        }
        assertThat(intoSeats).isEqualTo(4);
        assertThat(growingSeats).isEqualTo(10);
        assertThat(fromSeats).isEqualTo(20);
        assertThat(Checks.openSpots(a, into)).isZero();
        assertThat(Checks.openSpots(a, growing)).isZero();
        assertThat(Checks.openSpots(a, from)).isEqualTo(20);
    }

    @Test
    void exactlyCapacityParallelCourseBookingsSucceedAcrossTwoNodes() throws Exception {
        // given a course of 5 seats
        Api a = Nodes.api(nodeA);
        Api b = Nodes.api(nodeB);
        Api.CourseFixture course = a.createCourse(5, 14, Map.of());

        // when 60 clients book it at once over both nodes
        List<Callable<Api.Response>> creates = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Api node = i % 2 == 0 ? a : b;
            Map<String, Object> body = Api.courseBooking(course);
            body.put("bookingId", UUID.randomUUID().toString());
            creates.add(() -> node.post(Api.BOOKER, "/bookings", body));
        }
        List<Api.Response> answers = allAtOnce(creates);

        // then exactly 5 got a seat, and 55 a 409 "capacity"
        assertThat(created(answers)).hasSize(5);
        assertThat(Checks.listed(a, course.serviceId())).isEqualTo(5);
        JsonNode slots = Checks.slots(b, course.serviceId(), course.start(), course.end(), 1);
        assertThat(slots.get(0).path("openSpots").asInt()).isZero();
    }

    /**
     * 30-minute slots with a 90-minute buffer: a booking holds two hours, so any two of the four slots 10:00-11:30
     * overlap. 40 clients (10 a slot) book at once over both nodes: exactly one wins.
     */
    @Test
    void appointmentsThatOverlapThroughTheirBuffersHaveExactlyOneWinner() throws Exception {
        Api a = Nodes.api(nodeA);
        Api b = Nodes.api(nodeB);
        LocalDate day = LocalDate.now(BERLIN).plusDays(9);
        Api.AppointmentFixture service = a.createAppointmentService(BERLIN.getId(),
                List.of(hours(day.getDayOfWeek(), "09:00", "17:00")), 30,
                Map.of("policy", Map.of("maxAdvanceDays", 400, "bufferMinutes", 90)));
        List<Instant> slots = List.of(service.at(day, "10:00"), service.at(day, "10:30"), service.at(day, "11:00"),
                service.at(day, "11:30"));

        exactlyOneWinsAndTakesThemAll(a, b, service, slots);
    }

    /**
     * The same across midnight: slots at 22:45 and 23:15 hold time into the next day (30 minutes plus a 90-minute
     * buffer), where the slots at 00:00 and 00:30 start, so the next day's provider time decides between all four.
     */
    @Test
    void appointmentsThatOverlapAcrossMidnightHaveExactlyOneWinner() throws Exception {
        Api a = Nodes.api(nodeA);
        Api b = Nodes.api(nodeB);
        LocalDate day = LocalDate.now(BERLIN).plusDays(10);
        LocalDate next = day.plusDays(1);
        Api.AppointmentFixture service = a.createAppointmentService(BERLIN.getId(), List.of(
                        hours(day.getDayOfWeek(), "22:45", "23:45"), hours(next.getDayOfWeek(), "00:00", "01:00")), 30,
                Map.of("policy", Map.of("maxAdvanceDays", 400, "bufferMinutes", 90)));
        List<Instant> slots = List.of(service.at(day, "22:45"), service.at(day, "23:15"), service.at(next, "00:00"),
                service.at(next, "00:30"));

        exactlyOneWinsAndTakesThemAll(a, b, service, slots);
    }

    /**
     * 40 clients (10 a slot) book {@code slots}, which all overlap through a 90-minute buffer, at once over both
     * nodes: exactly one booking is made, and afterwards none of the slots can be booked.
     */
    private static void exactlyOneWinsAndTakesThemAll(Api a, Api b, Api.AppointmentFixture service,
                                                      List<Instant> slots) throws Exception {
        List<Api.Response> answers = allAtOnce(appointmentCreates(a, b, service, slots, 40));

        assertThat(created(answers)).hasSize(1);
        assertThat(heldTimesNeverOverlap(a, service, Duration.ofMinutes(90))).hasSize(1);
        for (Instant slot : slots) {
            assertThat(bookable(b, service, slot)).as(slot.toString()).isFalse();
        }
    }

    /**
     * Four adjacent slots without a buffer do not overlap: 40 clients (10 a slot) race over both nodes for one
     * provider day, and every slot gets exactly one booking.
     */
    @Test
    void adjacentAppointmentsWithoutBufferEachHaveExactlyOneWinner() throws Exception {
        Api a = Nodes.api(nodeA);
        Api b = Nodes.api(nodeB);
        LocalDate day = LocalDate.now(BERLIN).plusDays(11);
        Api.AppointmentFixture service = a.createAppointmentService(BERLIN.getId(),
                List.of(hours(day.getDayOfWeek(), "09:00", "17:00")), 30, Map.of());
        List<Instant> slots = List.of(service.at(day, "10:00"), service.at(day, "10:30"), service.at(day, "11:00"),
                service.at(day, "11:30"));

        List<Api.Response> answers = allAtOnce(appointmentCreates(a, b, service, slots, 40));

        assertThat(created(answers)).hasSize(4);
        List<Instant> won = heldTimesNeverOverlap(a, service, Duration.ZERO);
        assertThat(won).containsExactlyInAnyOrderElementsOf(slots);
        for (Instant slot : slots) {
            assertThat(bookable(b, service, slot)).as(slot.toString()).isFalse();
        }
        assertThat(bookable(b, service, service.at(day, "12:00"))).isTrue();
    }

    /**
     * "Any available" across providers: 3 × 4 clients book one slot of a service with four providers at once, over
     * both nodes, naming none. Every provider ends with exactly one booking (a client that lost the race for one
     * provider moved on to the next free one: none was refused while a provider was free), and every other client
     * gets 409 "capacity". The slot then shows no open spot.
     */
    @Test
    void anyAvailableRacesGiveEachProviderExactlyOneBookingAndTheRestCapacity() throws Exception {
        Api a = Nodes.api(nodeA);
        Api b = Nodes.api(nodeB);
        LocalDate day = LocalDate.now(BERLIN).plusDays(10);
        List<String> providers = List.of("anna", "ben", "cleo", "dev");
        Api.AppointmentFixture service = a.createAppointmentService(BERLIN.getId(),
                List.of(hours(day.getDayOfWeek(), "09:00", "12:00")), 30, Map.of("policy",
                        Map.of("maxAdvanceDays", 400, "bufferMinutes", 15), "providers", providers.stream()
                                .map(id -> Map.of("providerId", id, "name", id)).toList()));
        Instant slot = service.at(day, "10:00");

        List<Api.Response> answers = allAtOnce(appointmentCreates(a, b, service, List.of(slot),
                3 * providers.size()));

        List<String> won = created(answers);
        assertThat(won).hasSize(providers.size());
        List<String> got = won.stream().map(id -> readSoon(b, id).path("providerId").asText()).toList();
        assertThat(got).containsExactlyInAnyOrderElementsOf(providers);
        JsonNode open = Checks.slots(b, service.serviceId(), slot, slot.plusSeconds(1), 1).get(0);
        assertThat(open.path("openSpots").asInt()).isZero();
        assertThat(open.path("totalSpots").asInt()).isEqualTo(providers.size());
    }

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A booking as read on {@code api}'s node, whose read model may trail the node that made it by a moment. */
    private static JsonNode readSoon(Api api, String bookingId) {
        Instant deadline = Instant.now().plusSeconds(10);
        Api.Response read = api.get(Api.OWNER, "/bookings/" + bookingId);
        while (read.status() == 404 && Instant.now().isBefore(deadline)) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
            read = api.get(Api.OWNER, "/bookings/" + bookingId);
        }
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.body();
    }

    /** {@code clients} create requests, spread round-robin over {@code slots} and over both nodes. */
    private static List<Callable<Api.Response>> appointmentCreates(Api a, Api b, Api.AppointmentFixture service,
                                                                  List<Instant> slots, int clients) {
        List<Callable<Api.Response>> creates = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Api node = (i / slots.size()) % 2 == 0 ? a : b;
            Map<String, Object> body = Api.appointment(service, slots.get(i % slots.size()));
            body.put("bookingId", UUID.randomUUID().toString());
            creates.add(() -> node.post(Api.BOOKER, "/bookings", body));
        }
        return creates;
    }

    /** Runs every call at the same moment and answers the responses in call order. */
    private static List<Api.Response> allAtOnce(List<Callable<Api.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (Callable<Api.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    /** The ids of the 201s; every other answer must be a 409 "capacity" problem. */
    private static List<String> created(List<Api.Response> answers) {
        List<String> ids = new ArrayList<>();
        for (Api.Response response : answers) {
            if (response.status() == 201) {
                ids.add(response.text("bookingId"));
            } else {
                assertThat(response.status()).as(response.toString()).isEqualTo(409);
                assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
                assertThat(response.text("reason")).as(response.toString()).isEqualTo("capacity");
            }
        }
        return ids;
    }

    /**
     * Reads every confirmed booking of the service ({@code GET /bookings/{id}}), asserts that no two of their
     * [start, end + buffer) intervals overlap, and answers their starts.
     */
    private static List<Instant> heldTimesNeverOverlap(Api api, Api.AppointmentFixture service, Duration buffer) {
        List<Instant[]> held = new ArrayList<>();
        Api.Response listed = api.get(Api.OWNER, "/bookings?serviceId=" + service.serviceId() + "&size=200");
        for (JsonNode item : listed.body().path("items")) {
            JsonNode booking = api.get(Api.OWNER, "/bookings/" + item.path("bookingId").asText()).body();
            assertThat(booking.path("status").asText()).isEqualTo("CONFIRMED");
            held.add(new Instant[]{Instant.parse(booking.path("start").asText()),
                    Instant.parse(booking.path("end").asText()).plus(buffer)});
        }
        held.sort(Comparator.comparing(interval -> interval[0]));
        for (int i = 1; i < held.size(); i++) {
            assertThat(held.get(i)[0]).as("booking at %s starts before the one at %s ends its buffer at %s",
                    held.get(i)[0], held.get(i - 1)[0], held.get(i - 1)[1]).isAfterOrEqualTo(held.get(i - 1)[1]);
        }
        return held.stream().map(interval -> interval[0]).toList();
    }

    private static boolean bookable(Api api, Api.AppointmentFixture service, Instant start) {
        JsonNode slots = Checks.slots(api, service.serviceId(), start, start.plusSeconds(1), 1);
        assertThat(slots).as(slots.toString()).hasSize(1);
        return slots.get(0).path("bookable").asBoolean();
    }

    private static Api.ClassFixture session(Api api, Api.ClassFixture of, int daysLater, int capacity) {
        String sessionId = "ses-" + UUID.randomUUID();
        java.time.Instant start = of.start().plus(java.time.Duration.ofDays(daysLater));
        Api.Response created = api.post(Api.OWNER, "/services/" + of.serviceId() + "/sessions", Map.of(
                "sessionId", sessionId, "start", start.toString(), "end", start.plusSeconds(3600).toString(),
                "capacity", capacity));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Api.ClassFixture(of.serviceId(), sessionId, start);
    }

    /** Counts the 200s; every other answer must be a 409 "capacity" problem. */
    private static int succeeded(List<Future<Api.Response>> answers) throws Exception {
        int ok = 0;
        for (Future<Api.Response> answer : answers) {
            Api.Response response = answer.get();
            if (response.status() == 200) {
                ok++;
            } else {
                assertThat(response.status()).as(response.toString()).isEqualTo(409);
                assertThat(response.text("reason")).as(response.toString()).isEqualTo("capacity");
            }
        }
        return ok;
    }
}

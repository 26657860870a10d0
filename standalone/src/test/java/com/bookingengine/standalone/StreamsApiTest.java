package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live streams (SPEC §7) over real HTTP, read line by line as a browser reads them: booking changes live and in
 * order, filters, reconnecting with Last-Event-ID, heartbeats, availability changes, keys, and no leak when clients
 * come and go. An engine of its own, with a short heartbeat.
 */
class StreamsApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1500);

    private static ConfigurableApplicationContext engine;
    private static Api api;
    private static int port;

    @BeforeAll
    static void start() {
        engine = Nodes.start(Map.of("spring.datasource.url",
                "jdbc:h2:mem:streams-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "booking.streams.heartbeat", "200ms"));
        api = Nodes.api(engine);
        port = engine.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void bookingChangesArriveLiveInOrderAsTheBookingReads() {
        Api.ClassFixture yoga = api.createClass(5, Map.of("requiresApproval", true));
        try (SseClient stream = SseClient.open(port, Api.OWNER, "/stream/bookings?serviceId=" + yoga.serviceId())) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.contentType).startsWith("text/event-stream");

            String bookingId = create(yoga, "c-1");
            Checks.ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/confirm", Map.of()), 200);
            Checks.ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of()), 200);

            List<SseClient.Event> events = List.of(stream.next(WAIT), stream.next(WAIT), stream.next(WAIT));
            assertThat(events).extracting(SseClient.Event::event).containsOnly("booking");
            assertThat(events).extracting(e -> e.json().path("status").asText())
                    .containsExactly("PENDING", "CONFIRMED", "CANCELED");
            assertThat(events).extracting(e -> e.json().path("revision").asInt()).containsExactly(1, 2, 3);
            assertThat(events.get(0).position()).isLessThan(events.get(1).position());
            assertThat(events.get(1).position()).isLessThan(events.get(2).position());
            // data is the booking as GET /bookings/{id} shows it after that change
            assertThat(events.get(2).json()).isEqualTo(api.get(Api.OWNER, "/bookings/" + bookingId).body());
            assertThat(stream.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void filtersWorkLikeTheBookingList() {
        Api.ClassFixture yoga = api.createClass(5, Map.of("requiresApproval", true));
        Api.ClassFixture other = api.createClass(5, Map.of("requiresApproval", true));
        String service = "/stream/bookings?serviceId=" + yoga.serviceId();
        try (SseClient confirmed = SseClient.open(port, Api.AUDITOR, service + "&status=CONFIRMED");
             SseClient ada = SseClient.open(port, Api.AUDITOR, service + "&contactId=ada");
             SseClient later = SseClient.open(port, Api.AUDITOR, service + "&from="
                     + yoga.start().plus(1, ChronoUnit.MINUTES))) {
            String adas = create(yoga, "ada");
            String bobs = create(yoga, "bob");
            create(other, "ada");
            Checks.ok(api.post(Api.OWNER, "/bookings/" + bobs + "/confirm", Map.of()), 200);

            List<SseClient.Event> onlyConfirmed = confirmed.drain(QUIET);
            assertThat(onlyConfirmed).extracting(e -> e.json().path("bookingId").asText()).containsExactly(bobs);
            assertThat(onlyConfirmed.get(0).json().path("status").asText()).isEqualTo("CONFIRMED");
            assertThat(ada.drain(QUIET)).extracting(e -> e.json().path("bookingId").asText()).containsExactly(adas);
            assertThat(later.drain(QUIET)).isEmpty(); // the session starts before `from`
        }
    }

    @Test
    void badFiltersAreRefusedBeforeTheStreamOpens() {
        Checks.badField(SseClient.open(port, Api.OWNER, "/stream/bookings?status=LOST").refusal(), "status");
        Checks.badField(SseClient.open(port, Api.OWNER,
                "/stream/bookings?from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z").refusal(), "to");
        Checks.badField(SseClient.open(port, Api.OWNER, "/stream/bookings",
                Map.of("Last-Event-ID", "yesterday")).refusal(), "Last-Event-ID");
        Checks.badField(SseClient.open(port, Api.OWNER, "/stream/bookings?lastEventId=-3").refusal(), "lastEventId");
        Checks.badField(SseClient.open(port, Api.OWNER, "/stream/availability?serviceId=x&from=2027-01-02T00:00:00Z"
                + "&to=2027-01-01T00:00:00Z").refusal(), "to");
        Checks.problem(SseClient.open(port, Api.OWNER, "/stream/availability?serviceId=" + UUID.randomUUID()
                + "&from=2027-01-01T00:00:00Z&to=2027-01-02T00:00:00Z").refusal(), 404);
    }

    @Test
    void keysAndRolesAreCheckedAndEventSourceMayPassTheKeyInTheUrl() {
        Checks.problem(SseClient.open(port, null, "/stream/bookings").refusal(), 401);
        Checks.problem(SseClient.open(port, Api.BOOKER, "/stream/bookings").refusal(), 403);
        Checks.problem(SseClient.open(port, null, "/stream/bookings?access_token=wrong").refusal(), 401);
        Checks.problem(SseClient.open(port, null, "/stream/bookings?access_token=" + Api.BOOKER).refusal(), 403);
        // only the streams take a key in the URL
        assertThat(api.send(null, "GET", "/bookings?access_token=" + Api.OWNER, null, Map.of()).status())
                .isEqualTo(401);

        Api.ClassFixture yoga = api.createClass(5, Map.of());
        try (SseClient stream = SseClient.open(port, null,
                "/stream/bookings?serviceId=" + yoga.serviceId() + "&access_token=" + Api.AUDITOR)) {
            assertThat(stream.status).isEqualTo(200);
            String bookingId = create(yoga, "c-1");
            assertThat(stream.next(WAIT).json().path("bookingId").asText()).isEqualTo(bookingId);
        }
        Instant from = Instant.now();
        try (SseClient slots = SseClient.open(port, null, "/stream/availability?serviceId=" + yoga.serviceId()
                + "&from=" + from + "&to=" + from.plus(30, ChronoUnit.DAYS) + "&access_token=" + Api.BOOKER)) {
            assertThat(slots.status).isEqualTo(200);
        }
    }

    @Test
    void aClientThatReconnectsGetsExactlyTheChangesItMissedThenLiveOnes() {
        Api.ClassFixture yoga = api.createClass(5, Map.of("requiresApproval", true));
        Api.ClassFixture other = api.createClass(5, Map.of("requiresApproval", true));
        String path = "/stream/bookings?serviceId=" + yoga.serviceId();
        String first;
        long seen;
        try (SseClient stream = SseClient.open(port, Api.OWNER, path)) {
            first = create(yoga, "c-1");
            SseClient.Event created = stream.next(WAIT);
            assertThat(created.json().path("bookingId").asText()).isEqualTo(first);
            seen = created.position();
        }
        // while away: two matching changes, one that does not match
        Checks.ok(api.post(Api.OWNER, "/bookings/" + first + "/confirm", Map.of()), 200);
        create(other, "c-1");
        String second = create(yoga, "c-2");

        for (Map<String, String> resume : List.of(Map.of("Last-Event-ID", Long.toString(seen)), Map.<String, String>of())) {
            String resumed = resume.isEmpty() ? path + "&lastEventId=" + seen : path;
            try (SseClient again = SseClient.open(port, Api.OWNER, resumed, resume)) {
                SseClient.Event confirmed = again.next(WAIT);
                SseClient.Event created = again.next(WAIT);
                assertThat(confirmed.json().path("bookingId").asText()).isEqualTo(first);
                assertThat(confirmed.json().path("status").asText()).isEqualTo("CONFIRMED");
                assertThat(confirmed.json().path("revision").asInt()).isEqualTo(2);
                assertThat(created.json().path("bookingId").asText()).isEqualTo(second);
                assertThat(confirmed.position()).isGreaterThan(seen).isLessThan(created.position());
                assertThat(again.drain(QUIET)).isEmpty();
            }
        }
        // the hand-over under load: changes written while a client catches up reach it once each, in order
        List<String> written = new ArrayList<>();
        try (SseClient again = SseClient.open(port, Api.OWNER, path, Map.of("Last-Event-ID", Long.toString(seen)))) {
            for (int i = 0; i < 3; i++) {
                written.add(create(yoga, "c-" + i));
            }
            List<SseClient.Event> events = again.drain(QUIET);
            assertThat(events).extracting(SseClient.Event::position).isSorted().doesNotHaveDuplicates();
            List<String> ids = events.stream().map(e -> e.json().path("bookingId").asText()).toList();
            assertThat(ids.subList(0, 2)).containsExactly(first, second);
            assertThat(ids.subList(2, ids.size())).containsExactlyElementsOf(written);
        }
    }

    @Test
    void aClientReconnectingAgainAndAgainWhileBookingsAreWrittenSeesEveryChangeOnce() throws Exception {
        Api.ClassFixture yoga = api.createClass(100, Map.of());
        String path = "/stream/bookings?serviceId=" + yoga.serviceId();
        long last;
        try (SseClient stream = SseClient.open(port, Api.OWNER, path)) {
            create(yoga, "c-0");
            last = stream.next(WAIT).position();
        }
        int writes = 40;
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<List<String>> written = writer.submit(() -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                ids.add(create(yoga, "c-" + i));
            }
            return ids;
        });
        List<Long> positions = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try {
            // a few events per connection, then away and back with the last id seen, until every write has come
            while (seen.size() < writes) {
                try (SseClient again = SseClient.open(port, Api.OWNER, path, Map.of("Last-Event-ID", Long.toString(last)))) {
                    for (int i = 0; i < 3 && seen.size() < writes; i++) {
                        SseClient.Event event = again.next(WAIT);
                        assertThat(event).as("change %d of %d", seen.size() + 1, writes).isNotNull();
                        positions.add(event.position());
                        seen.add(event.json().path("bookingId").asText());
                        last = event.position();
                    }
                }
            }
            assertThat(positions).isSorted().doesNotHaveDuplicates();
            assertThat(seen).containsExactlyElementsOf(written.get());
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() {
        try (SseClient stream = SseClient.open(port, Api.AUDITOR, "/stream/bookings?serviceId=" + UUID.randomUUID())) {
            assertThat(stream.nextComment(Duration.ofSeconds(3))).isEqualTo("heartbeat");
            assertThat(stream.nextComment(Duration.ofSeconds(3))).isEqualTo("heartbeat");
        }
    }

    @Test
    void theAvailabilityStreamShowsOpenSpotsDroppingAfterABooking() {
        Api.ClassFixture yoga = api.createClass(3, Map.of());
        Api.ClassFixture other = api.createClass(3, Map.of());
        Instant from = yoga.start().minus(1, ChronoUnit.DAYS);
        try (SseClient slots = SseClient.open(port, Api.BOOKER, "/stream/availability?serviceId=" + yoga.serviceId()
                + "&from=" + from + "&to=" + from.plus(7, ChronoUnit.DAYS))) {
            assertThat(slots.status).isEqualTo(200);
            create(other, "c-1"); // another service: nothing to say
            Map<String, Object> two = Api.booking(yoga, "IN_PERSON");
            two.put("participants", 2);
            String bookingId = Checks.ok(api.post(Api.BOOKER, "/bookings", two), 201).text("bookingId");

            SseClient.Event event = slots.next(WAIT);
            assertThat(event.event()).isEqualTo("slots");
            JsonNode slot = event.json().path("slots").get(0);
            assertThat(event.json().path("slots")).hasSize(1);
            assertThat(slot.path("sessionId").asText()).isEqualTo(yoga.sessionId());
            assertThat(slot.path("openSpots").asInt()).isEqualTo(1);
            assertThat(slot.path("totalSpots").asInt()).isEqualTo(3);
            assertThat(slot).isEqualTo(Checks.slot(api, yoga)); // shaped as GET /availability shows it
            assertThat(event.position()).isPositive();

            Checks.ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of()), 200);
            SseClient.Event freed = slots.next(WAIT);
            assertThat(freed.json().path("slots").get(0).path("openSpots").asInt()).isEqualTo(3);
            assertThat(freed.position()).isGreaterThan(event.position());
            assertThat(slots.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void aThousandClientsComingAndGoingLeaveNothingBehind() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        String path = "/stream/bookings?serviceId=" + UUID.randomUUID();
        connectAndDrop(path, 20); // the pools (server and client) warm up
        awaitOpenStreams(0);
        int threads = streamThreads();
        int engineThreads = engineThreads();
        long heap = heapAfterGc(memory);

        connectAndDrop(path, 1000);
        awaitOpenStreams(0);
        assertThat(gauge("booking.streams.listeners")).isZero();
        assertThat(streamThreads()).isEqualTo(threads);
        assertThat(engineThreads()).isLessThanOrEqualTo(engineThreads + 2);
        long after = heapAfterGc(memory);
        assertThat(after).isLessThan(heap + 32L * 1024 * 1024);
        System.out.printf("streams leak check: 1000 clients; stream threads %d before, %d after; other engine threads "
                + "%d before, %d after; heap after GC %d MB before, %d MB after%n", threads, streamThreads(),
                engineThreads, engineThreads(), heap >> 20, after >> 20);
    }

    private static void connectAndDrop(String path, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> opened = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                opened.add(pool.submit(() -> {
                    try (SseClient client = SseClient.open(port, Api.AUDITOR, path)) {
                        return client.status;
                    }
                }));
            }
            for (Future<Integer> status : opened) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until the engine counts {@code expected} open streams (a gone client is noticed on the next heartbeat). */
    private static void awaitOpenStreams(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (gauge("booking.streams.open") != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(gauge("booking.streams.open")).isEqualTo(expected);
    }

    /** A gauge of the engine as operators read it: {@code GET /actuator/metrics/{name}}. */
    private static double gauge(String name) throws Exception {
        HttpResponse<String> metric = SseClient.HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/metrics/" + name))
                .header("Authorization", "Bearer " + Api.OPERATOR).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metric.statusCode()).as(metric.body()).isEqualTo(200);
        return new ObjectMapper().readTree(metric.body()).path("measurements").get(0).path("value").asDouble();
    }

    /** The engine's threads that serve streams; Tomcat's request pool is sized by its own configuration. */
    private static int streamThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("stream-")).count();
    }

    /**
     * Every live thread of the JVM (the engine's and this test's) but the two pools that size themselves to the load
     * and shrink only after a minute idle: Tomcat's request threads and the test's HTTP client's.
     */
    private static int engineThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().contains("-exec-") && !t.getName().startsWith("HttpClient-")).count();
    }

    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String create(Api.ClassFixture session, String contactId) {
        Map<String, Object> body = Api.booking(session, "IN_PERSON");
        body.put("contact", new HashMap<>(Map.of("contactId", contactId, "firstName", "Ada", "lastName", "Lovelace",
                "email", "ada@example.com")));
        return Checks.ok(api.post(Api.BOOKER, "/bookings", body), 201).text("bookingId");
    }
}

package com.bookingengine.systest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-side jars and one query-side jar on one PostgreSQL database. Each command node caches the aggregates
 * it has used; a cached session must never hide what the other node did to it: neither a seat the other node gave
 * back (a stale refusal), nor one it took (an overbooking or a lost update). And read-your-writes across nodes: a
 * command's {@code X-Event-Position}, sent to the query node as {@code X-Min-Position}, makes the query see the
 * command's effect at once, or answer 503 with Retry-After when the read model cannot get there in time.
 * <p>
 * The query node polls the event table only every 10 minutes here: everything it learns in time, it learns from the
 * command nodes' notifications (LISTEN/NOTIFY, {@code AppendNotifications}).
 */
class CommandCacheAndPositionTest {

    @RegisterExtension
    static final Cluster cluster = new Cluster("cache", Map.of("BOOKING_EVENT_STORE_FETCH_DELAY", "10m"));

    private static Http commandA;
    private static Http commandB;
    private static Http query;

    @BeforeAll
    static void startNodes() {
        cluster.ensure(2, 1);
        commandA = new Http(cluster.commands.get(0));
        commandB = new Http(cluster.commands.get(1));
        query = new Http(cluster.queries.get(0));
    }

    @Test
    void aSeatGivenBackOnOneNodeCanBeBookedOnTheNodeThatCachedTheFullSession() {
        Fixtures.ClassService service = Fixtures.classService(commandA, 6, List.of(1), null);
        String sessionId = service.sessionIds().get(0);
        Http.Response first = booked(commandA, service, sessionId);
        // node A now holds the full session in its cache; node B gives the seat back
        Http.Response canceled = commandB.post(Cluster.BOOKER, "/bookings/" + first.text("bookingId") + "/cancel",
                Map.of("reason", "plans changed"));
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.text("status")).isEqualTo("CANCELED");

        Http.Response again = book(commandA, service, sessionId);
        assertThat(again.status()).as("node A must see the seat node B freed: " + again).isEqualTo(201);
        Http.Response overB = book(commandB, service, sessionId);
        Http.Response overA = book(commandA, service, sessionId);
        assertThat(overB.status()).as(overB.toString()).isEqualTo(409);
        assertThat(overA.status()).as(overA.toString()).isEqualTo(409);

        assertThat(openSpotsAfter(again, service, sessionId)).isZero();
    }

    @Test
    void bookingsAlternatingBetweenNodesAreNeitherLostNorOverbooked() {
        Fixtures.ClassService service = Fixtures.classService(commandA, 7, List.of(4), null);
        String sessionId = service.sessionIds().get(0);
        Http[] nodes = {commandA, commandB, commandA, commandB};
        Http.Response last = null;
        for (Http node : nodes) {
            last = booked(node, service, sessionId);
        }
        // each node has cached the session at a version the other node has since moved past
        assertThat(book(commandA, service, sessionId).status()).isEqualTo(409);
        assertThat(book(commandB, service, sessionId).status()).isEqualTo(409);

        assertThat(openSpotsAfter(last, service, sessionId)).isZero();
        Http.Response listed = query.send(Cluster.OWNER, "GET", "/bookings?serviceId=" + service.serviceId()
                + "&size=50", null, Map.of("X-Min-Position", last.header("X-Event-Position")));
        assertThat(listed.body().path("total").asInt()).as(listed.toString()).isEqualTo(4);
    }

    @Test
    void aBookingOnACommandNodeReachesTheQueryNodeWithoutWaitingForItsPoll() {
        Fixtures.ClassService service = Fixtures.classService(commandB, 9, List.of(3), null);
        for (Map.Entry<String, Http> node : Map.of("command node A", commandA, "command node B", commandB).entrySet()) {
            String bookingId = booked(node.getValue(), service, service.sessionIds().get(0)).text("bookingId");
            long answered = System.nanoTime();
            Http.Response read;
            do {
                Node.sleep(20);
                read = query.get(Cluster.OWNER, "/bookings/" + bookingId);
            } while (read.status() == 404 && System.nanoTime() - answered < 5_000_000_000L);
            assertThat(read.status()).as("a booking made on %s, read on the query node, whose next poll is minutes"
                    + " away: %s", node.getKey(), read).isEqualTo(200);
        }
    }

    @Test
    void aCommandsPositionMakesTheQueryNodeAnswerWithItsEffect() {
        Fixtures.ClassService service = Fixtures.classService(commandB, 8, List.of(5), null);
        String sessionId = service.sessionIds().get(0);
        Http.Response booked = booked(commandA, service, sessionId);
        long position = Long.parseLong(booked.header("X-Event-Position"));
        // the place of the command's last event (its seat, then the booking) in the PostgreSQL event table
        JsonNode stored = query.get(Cluster.AUDITOR, "/events?after=" + Math.max(0, position - 10) + "&limit=20")
                .body().path("events");
        Map<String, Long> placeOf = new HashMap<>();
        stored.forEach(event -> placeOf.put(event.path("aggregateId").asText(), event.path("position").asLong()));
        assertThat(placeOf.get(booked.text("bookingId"))).as(stored.toString()).isEqualTo(position);
        assertThat(placeOf.get(sessionId)).as(stored.toString()).isLessThan(position);

        Http.Response read = query.send(Cluster.OWNER, "GET", "/bookings/" + booked.text("bookingId"), null,
                Map.of("X-Min-Position", Long.toString(position)));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.text("status")).isEqualTo(booked.text("status"));

        Http.Response confirmedLater = commandB.post(Cluster.OWNER,
                "/bookings/" + booked.text("bookingId") + "/cancel", Map.of("reason", "test"));
        assertThat(confirmedLater.status()).as(confirmedLater.toString()).isEqualTo(200);
        long next = Long.parseLong(confirmedLater.header("X-Event-Position"));
        assertThat(next).isGreaterThan(position);
        Http.Response reread = query.send(Cluster.OWNER, "GET", "/bookings/" + booked.text("bookingId"), null,
                Map.of("X-Min-Position", Long.toString(next)));
        assertThat(reread.text("status")).as(reread.toString()).isEqualTo("CANCELED");
    }

    @Test
    void aPositionTheReadModelCannotReachInTimeIs503WithRetryAfter() {
        long start = System.nanoTime();
        Http.Response response = query.send(Cluster.OWNER, "GET", "/bookings?size=1", null,
                Map.of("X-Min-Position", "900000000000"));
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(2_500L, 15_000L);

        Http.Response bad = query.send(Cluster.OWNER, "GET", "/bookings?size=1", null,
                Map.of("X-Min-Position", "soon"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.text("field")).isEqualTo("X-Min-Position");
    }

    private static Http.Response book(Http node, Fixtures.ClassService service, String sessionId) {
        return node.post(Cluster.BOOKER, "/bookings",
                Fixtures.sessionBooking(service.serviceId(), sessionId, "IN_PERSON"));
    }

    private static Http.Response booked(Http node, Fixtures.ClassService service, String sessionId) {
        Http.Response response = book(node, service, sessionId);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    /** The session's open spots on the query node once it has processed {@code command}'s events. */
    private static int openSpotsAfter(Http.Response command, Fixtures.ClassService service, String sessionId) {
        Http.Response availability = query.send(Cluster.OWNER, "GET", "/availability?serviceId="
                + service.serviceId() + "&from=" + service.from() + "&to=" + service.to(), null,
                Map.of("X-Min-Position", command.header("X-Event-Position")));
        assertThat(availability.status()).as(availability.toString()).isEqualTo(200);
        return ReadModels.openSpots(availability.body(), sessionId);
    }
}

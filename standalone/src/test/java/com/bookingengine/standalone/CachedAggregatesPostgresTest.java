package com.bookingengine.standalone;

import com.bookingengine.command.CommandSideApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.bookingengine.standalone.Checks.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command nodes on one PostgreSQL database (separate Spring contexts, each with its own aggregate cache), over
 * HTTP. A booking reads the versions of its booking id, service and session in one statement at its start
 * ({@code StoredVersions}) and checks its cached copies against them: neither node may book a seat the other took,
 * refuse one the other gave back, or book a repeated booking id twice.
 */
class CachedAggregatesPostgresTest {

    private static String url;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void start() {
        url = Postgres.createDatabase("cached_pg");
        nodeA = start("a");
        nodeB = start("b");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
        Postgres.dropDatabase(url);
    }

    private static ConfigurableApplicationContext start(String name) {
        Map<String, Object> properties = new HashMap<>(Postgres.profile(url));
        properties.put("server.port", 0);
        properties.put("booking.node-id", "command-" + name);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CommandSideApplication.class).properties("spring.config.name=command-side")
                .run(args);
    }

    @Test
    void aSessionCachedOnOneNodeSeesTheSeatsTheOtherNodeTookAndGaveBack() {
        Api a = Nodes.api(nodeA);
        Api b = Nodes.api(nodeB);
        Api.ClassFixture yoga = a.createClass(2, Map.of());

        String first = ok(a.post(Api.BOOKER, "/bookings", Api.booking(yoga, "IN_PERSON")), 201).text("bookingId");
        // node A holds the session with one seat taken; node B takes the other
        String second = ok(b.post(Api.BOOKER, "/bookings", Api.booking(yoga, "IN_PERSON")), 201).text("bookingId");
        Api.Response refused = a.post(Api.BOOKER, "/bookings", Api.booking(yoga, "IN_PERSON"));
        assertThat(refused.status()).as("node A's copy says one seat is open; the store says none").isEqualTo(409);

        ok(b.post(Api.OWNER, "/bookings/" + second + "/cancel", Map.of()), 200);
        ok(a.post(Api.BOOKER, "/bookings", Api.booking(yoga, "IN_PERSON")), 201);
        // node A now holds the session full, as it is; node B gives a seat back
        ok(b.post(Api.OWNER, "/bookings/" + first + "/cancel", Map.of()), 200);
        Api.Response given = a.post(Api.BOOKER, "/bookings", Api.booking(yoga, "IN_PERSON"));
        assertThat(given.status()).as("node A's copy says full; the store has a seat: %s", given).isEqualTo(201);
        assertThat(b.post(Api.BOOKER, "/bookings", Api.booking(yoga, "IN_PERSON")).status())
                .as("both seats are taken again").isEqualTo(409);
    }

    @Test
    void aRepeatedBookingIdAnswersTheFirstBookingOnEitherNodeAndTakesNoSecondSeat() {
        Api a = Nodes.api(nodeA);
        Api b = Nodes.api(nodeB);
        Api.ClassFixture yoga = a.createClass(2, Map.of());
        Map<String, Object> body = Api.booking(yoga, "IN_PERSON");
        body.put("bookingId", UUID.randomUUID().toString());

        Api.Response created = ok(a.post(Api.BOOKER, "/bookings", body), 201);
        Api.Response againOnA = a.post(Api.BOOKER, "/bookings", body);
        Api.Response againOnB = b.post(Api.BOOKER, "/bookings", body);
        for (Api.Response again : new Api.Response[] {againOnA, againOnB}) {
            assertThat(again.status()).isBetween(200, 201);
            assertThat(again.body()).isEqualTo(created.body());
        }
        Map<String, Object> changed = new HashMap<>(body);
        changed.put("participants", 2);
        Api.Response conflicting = b.post(Api.BOOKER, "/bookings", changed);
        assertThat(conflicting.status()).isEqualTo(409);
        assertThat(conflicting.body().path("detail").asText()).contains("already exists");

        // the repeats took no seat: one more booking fits, the next does not
        ok(b.post(Api.BOOKER, "/bookings", Api.booking(yoga, "IN_PERSON")), 201);
        assertThat(a.post(Api.BOOKER, "/bookings", Api.booking(yoga, "IN_PERSON")).status()).isEqualTo(409);
    }

    @Test
    void aBookingIdSentToBothNodesAtOnceIsBookedOnce() throws Exception {
        Api a = Nodes.api(nodeA);
        Api b = Nodes.api(nodeB);
        int races = 6;
        Api.ClassFixture yoga = a.createClass(races, Map.of());
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < races; i++) {
                Map<String, Object> body = Api.booking(yoga, "IN_PERSON");
                body.put("bookingId", UUID.randomUUID().toString());
                CountDownLatch go = new CountDownLatch(1);
                Future<Api.Response> onA = both.submit(() -> {
                    go.await();
                    return a.post(Api.BOOKER, "/bookings", body);
                });
                Future<Api.Response> onB = both.submit(() -> {
                    go.await();
                    return b.post(Api.BOOKER, "/bookings", body);
                });
                go.countDown();
                Api.Response first = onA.get(30, TimeUnit.SECONDS);
                Api.Response second = onB.get(30, TimeUnit.SECONDS);
                assertThat(List.of(first.status(), second.status())).as("%s / %s", first, second)
                        .allMatch(status -> status == 200 || status == 201);
                assertThat(second.body()).isEqualTo(first.body());
            }
        } finally {
            both.shutdownNow();
        }
        // each id took one seat: the session is full now
        assertThat(b.post(Api.BOOKER, "/bookings", Api.booking(yoga, "IN_PERSON")).status()).isEqualTo(409);
    }
}

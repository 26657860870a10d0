package com.bookingengine.standalone;

import com.bookingengine.command.CommandSideApplication;
import com.bookingengine.query.QuerySideApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live streams on the PostgreSQL profile with the command side and the query side as separate nodes (separate
 * Spring contexts, each with its own Axon, sharing only the database): a query node streams the changes the command
 * node writes, read from the shared event store; and it shuts down promptly with streams open.
 */
class StreamsSplitPostgresTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static String url;
    private static ConfigurableApplicationContext commands;
    private static ConfigurableApplicationContext queries;

    @BeforeAll
    static void start() {
        url = Postgres.createDatabase("streams_pg");
        commands = start(CommandSideApplication.class, "command-side");
        queries = start(QuerySideApplication.class, "query-side");
    }

    @AfterAll
    static void stop() {
        if (queries != null && queries.isActive()) {
            queries.close();
        }
        if (commands != null) {
            commands.close();
        }
        Postgres.dropDatabase(url);
    }

    private static ConfigurableApplicationContext start(Class<?> side, String configName) {
        Map<String, Object> properties = new HashMap<>(Postgres.profile(url));
        properties.put("server.port", 0);
        properties.put("booking.streams.heartbeat", "500ms");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(side).properties("spring.config.name=" + configName).run(args);
    }

    private static int port(ConfigurableApplicationContext node) {
        return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @Test
    void aQueryNodeStreamsWhatTheCommandNodeWritesAndStopsPromptlyWithStreamsOpen() {
        Api commandApi = Nodes.api(commands);
        Api queryApi = Nodes.api(queries);
        Api.ClassFixture yoga = commandApi.createClass(4, Map.of());
        awaitService(queryApi, yoga.serviceId());
        Instant from = yoga.start().minus(1, ChronoUnit.DAYS);

        try (SseClient bookings = SseClient.open(port(queries), Api.OWNER, "/stream/bookings?serviceId="
                + yoga.serviceId());
             SseClient slots = SseClient.open(port(queries), Api.BOOKER, "/stream/availability?serviceId="
                     + yoga.serviceId() + "&from=" + from + "&to=" + from.plus(7, ChronoUnit.DAYS))) {
            assertThat(List.of(bookings.status, slots.status)).containsOnly(200);
            long sent = System.nanoTime();
            Api.Response created = Checks.ok(commandApi.post(Api.BOOKER, "/bookings", Api.booking(yoga, "IN_PERSON")),
                    201);
            long answered = System.nanoTime();
            String bookingId = created.text("bookingId");

            SseClient.Event booking = bookings.next(WAIT);
            System.out.printf("streams on a separate query node: the change arrived %d ms after the command was sent "
                    + "(its answer took %d ms)%n", (System.nanoTime() - sent) / 1_000_000, (answered - sent) / 1_000_000);
            assertThat(booking.event()).isEqualTo("booking");
            assertThat(booking.json().path("bookingId").asText()).isEqualTo(bookingId);
            assertThat(booking.json().path("status").asText()).isEqualTo("CONFIRMED");
            SseClient.Event slot = slots.next(WAIT);
            assertThat(slot.json().path("slots").get(0).path("openSpots").asInt()).isEqualTo(3);

            // Reconnecting to the query node with the last id seen: nothing again, the next change only.
            try (SseClient again = SseClient.open(port(queries), Api.OWNER, "/stream/bookings?serviceId="
                    + yoga.serviceId(), Map.of("Last-Event-ID", booking.id()))) {
                Checks.ok(commandApi.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of()), 200);
                SseClient.Event canceled = again.next(WAIT);
                assertThat(canceled.json().path("status").asText()).isEqualTo("CANCELED");
                assertThat(canceled.position()).isGreaterThan(booking.position());
            }

            long stopping = System.nanoTime();
            queries.close();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(15));
            assertThat(bookings.drain(Duration.ofSeconds(2))).allSatisfy(e -> assertThat(e.id()).isNotNull());
            assertThat(bookings.nextComment(Duration.ofSeconds(2))).isNull(); // the stream has ended
        }
    }

    private static void awaitService(Api api, String serviceId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (api.get(Api.BOOKER, "/services/" + serviceId).status() != 200) {
            assertThat(System.nanoTime()).as("service visible on the query node").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

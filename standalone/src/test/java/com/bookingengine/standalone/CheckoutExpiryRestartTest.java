package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A checkout's expiry is a row in the engine's database, not a timer in a JVM: scheduled by one engine, it fires
 * after that engine is gone, on one of the two engines started later on the same store, exactly once.
 */
class CheckoutExpiryRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void anExpiryScheduledBeforeARestartFiresAfterItOnceWhileTwoNodesRun() {
        String store = "jdbc:h2:file:" + dataDir.resolve("booking-engine") + ";DB_CLOSE_ON_EXIT=FALSE";
        Api.ClassFixture session;
        String bookingId;
        Instant booked;
        // given a booking in online checkout, with a 1-minute timeout, made on an engine that then stops
        try (ConfigurableApplicationContext first = Nodes.start(Map.of("spring.datasource.url", store,
                "db-scheduler.polling-interval", "1s"))) {
            Api api = Nodes.api(first);
            session = api.createClass(1, Map.of("policy", Map.of("checkoutTimeoutMinutes", 1)));
            Api.Response created = api.post(Api.BOOKER, "/bookings", Api.booking(session, "ONLINE"));
            assertThat(created.text("status")).isEqualTo("PENDING_CHECKOUT");
            bookingId = created.text("bookingId");
            booked = Instant.now();
            assertThat(new JdbcTemplate(first.getBean(javax.sql.DataSource.class))
                    .queryForObject("select count(*) from scheduled_tasks", Integer.class)).isEqualTo(1);
        }

        // when two engines start on the same store and the minute passes
        List<ConfigurableApplicationContext> nodes = new ArrayList<>();
        try {
            for (String node : List.of("node-b", "node-c")) {
                nodes.add(Nodes.start(Map.of("spring.datasource.url", store, "booking.node-id", node,
                        "db-scheduler.polling-interval", "1s")));
            }
            Api b = Nodes.api(nodes.get(0));
            Api c = Nodes.api(nodes.get(1));
            assertThat(b.get(Api.OWNER, "/bookings/" + bookingId).text("status")).isEqualTo("PENDING_CHECKOUT");
            await("checkout expiry").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "CANCELED".equals(c.get(Api.OWNER, "/bookings/" + bookingId).text("status")));

            // then it expired no earlier than its minute, once, by the engine itself, and the seat is free again
            assertThat(Instant.now()).isAfterOrEqualTo(booked.plus(Duration.ofMinutes(1)));
            JsonNode history = b.get(Api.AUDITOR, "/bookings/" + bookingId + "/history").body().path("events");
            List<JsonNode> expiries = new ArrayList<>();
            history.forEach(e -> {
                if (e.path("type").asText().endsWith("CheckoutExpiredEvent")) {
                    expiries.add(e);
                }
            });
            assertThat(expiries).hasSize(1);
            assertThat(expiries.get(0).path("metadata").path("actor").asText()).isEqualTo("system");
            assertThat(b.get(Api.OWNER, "/bookings/" + bookingId).text("paymentStatus")).isEqualTo("NOT_PAID");
            assertThat(c.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")).status()).isEqualTo(201);
            // and the deadline's row is gone: nothing is left to fire again
            assertThat(new JdbcTemplate(nodes.get(0).getBean(javax.sql.DataSource.class))
                    .queryForObject("select count(*) from scheduled_tasks", Integer.class)).isZero();
        } finally {
            nodes.forEach(ConfigurableApplicationContext::close);
        }
    }
}

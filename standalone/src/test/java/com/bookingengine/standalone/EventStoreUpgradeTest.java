package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ./data store written by the JPA event store (the embedded default before the JDBC engine) is read and continued by
 * the current default: the same H2 file, its histories, its seats and its hash chain, and the global index goes on
 * after the last position the JPA engine gave out, without a gap.
 */
class EventStoreUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void theDefaultReadsAndContinuesAStoreTheJpaEngineWrote() {
        Api.ClassFixture session;
        String bookingId;
        List<Long> before;
        try (ConfigurableApplicationContext old = Nodes.start(Map.of(
                "booking.data-dir", dataDir.toString(), "booking.event-store.engine", "jpa"))) {
            assertThat(old.getBean(EventStorageEngine.class)).isInstanceOf(JpaEventStorageEngine.class);
            Api api = Nodes.api(old);
            session = api.createClass(2, Map.of());
            Api.Response booked = api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON"));
            assertThat(booked.status()).isEqualTo(201);
            bookingId = booked.text("bookingId");
            before = positions(api);
        }

        try (ConfigurableApplicationContext current = Nodes.start(Map.of("booking.data-dir", dataDir.toString()))) {
            assertThat(current.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
            Api api = Nodes.api(current);
            JsonNode history = api.get(Api.AUDITOR, "/bookings/" + bookingId + "/history").body().path("events");
            assertThat(history).hasSize(1);
            assertThat(api.get(Api.OWNER, "/bookings/" + bookingId).text("status")).isEqualTo("CONFIRMED");

            // The session aggregate, rebuilt from the JPA engine's rows, still holds one of two seats.
            assertThat(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")).status()).isEqualTo(201);
            assertThat(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")).status()).isEqualTo(409);
            Api.Response canceled = api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of());
            assertThat(canceled.status()).isEqualTo(200);
            assertThat(canceled.body().path("revision").asLong()).isEqualTo(2);
            assertThat(api.get(Api.AUDITOR, "/bookings/" + bookingId + "/history").body().path("events")).hasSize(2);

            List<Long> after = positions(api);
            assertThat(after).startsWith(before.toArray(Long[]::new)).hasSizeGreaterThan(before.size());
            long last = before.get(before.size() - 1);
            assertThat(after.subList(before.size(), after.size()))
                    .as("positions the JDBC engine gave out continue the JPA engine's sequence, one by one")
                    .first().isEqualTo(last + 1);
            assertThat(api.get(Api.AUDITOR, "/audit/verify").body().path("valid").asBoolean()).isTrue();
        }
    }

    private static List<Long> positions(Api api) {
        List<Long> positions = new ArrayList<>();
        Long after = null;
        while (true) {
            JsonNode page = api.get(Api.AUDITOR, "/events?limit=100" + (after == null ? "" : "&after=" + after)).body();
            JsonNode events = page.path("events");
            if (events.isEmpty()) {
                return positions;
            }
            events.forEach(e -> positions.add(e.path("position").asLong()));
            after = page.path("next").asLong();
        }
    }
}

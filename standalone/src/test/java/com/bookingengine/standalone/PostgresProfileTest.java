package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone jar on the postgres profile, against the real local PostgreSQL: Flyway builds the schema, Hibernate
 * only validates it, Axon's JDBC engine stores the events, every binary column is bytea (no large objects), the global index is dense, each projection is
 * split in two segments whose tokens live beside its tables, deadlines are rows in the same database, and a second
 * start on the same database continues where the first stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresProfileTest {

    private static String url;
    private static ConfigurableApplicationContext engine;
    private static Api api;

    @BeforeAll
    static void start() {
        url = Postgres.createDatabase("standalone_pg");
        engine = Nodes.start(Postgres.profile(url));
        api = Nodes.api(engine);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        Postgres.dropDatabase(url);
    }

    @Test
    void flywayOwnsTheSchemaAndNoColumnIsALargeObject() {
        assertThat(Postgres.rows(url, "select version, success from flyway_schema_history where version is not null"))
                .isNotEmpty().allSatisfy(row -> assertThat(row.get("success")).isEqualTo(true));
        assertThat(Postgres.rows(url, "select table_name, column_name from information_schema.columns "
                + "where table_schema = 'public' and data_type = 'oid'")).isEmpty();
        Map<String, String> binary = Postgres.rows(url, "select table_name || '.' || column_name as col, data_type "
                        + "from information_schema.columns where table_schema = 'public' and column_name in "
                        + "('payload', 'token', 'task_data', 'meta_data')").stream()
                .collect(Collectors.toMap(r -> (String) r.get("col"), r -> (String) r.get("data_type")));
        assertThat(binary).containsEntry("domain_event_entry.payload", "bytea")
                .containsEntry("domain_event_entry.meta_data", "bytea")
                .containsEntry("snapshot_event_entry.payload", "bytea")
                .containsEntry("token_entry.token", "bytea")
                .containsEntry("dead_letter_entry.payload", "bytea")
                .containsEntry("scheduled_tasks.task_data", "bytea");
    }

    @Test
    void eventsAreStoredByAxonsJdbcEngine() {
        assertThat(engine.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
    }

    @Test
    void theGlobalIndexCountsEveryEventByOne() {
        long before = Postgres.count(url, "select coalesce(max(global_index), 0) from domain_event_entry");
        Api.ClassFixture session = api.createClass(4, Map.of());
        for (int i = 0; i < 4; i++) {
            assertThat(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")).status()).isEqualTo(201);
        }
        assertThat(Postgres.rows(url, "select increment from information_schema.sequences "
                + "where sequence_name = 'domain_event_entry_seq'")).extracting(r -> r.get("increment")).containsExactly("1");
        // one client, no lost races: the service, its session and 4 bookings with their seats, numbered without a gap
        long written = Postgres.count(url, "select count(*) from domain_event_entry where global_index > " + before);
        assertThat(written).isGreaterThanOrEqualTo(2 + 4 * 2);
        assertThat(Postgres.count(url, "select max(global_index) from domain_event_entry")).isEqualTo(before + written);
    }

    @Test
    void eachProjectionHasTwoSegmentsWhoseTokensLiveBesideItsTables() {
        Api.ClassFixture session = api.createClass(2, Map.of());
        Api.Response created = api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON"));
        assertThat(created.status()).isEqualTo(201);
        // read your writes in one JVM: the booking is in the PostgreSQL read model when the command answers
        assertThat(api.get(Api.OWNER, "/bookings/" + created.text("bookingId")).status()).isEqualTo(200);
        assertThat(Postgres.count(url, "select count(*) from booking_view where booking_id = '"
                + created.text("bookingId") + "'")).isEqualTo(1);

        Map<String, Long> segments = Postgres.rows(url, "select processor_name, count(*) as segments from token_entry "
                        + "group by processor_name").stream()
                .collect(Collectors.toMap(r -> (String) r.get("processor_name"), r -> (Long) r.get("segments")));
        assertThat(segments).containsOnly(Map.entry("bookings", 2L), Map.entry("catalogue", 2L),
                Map.entry("availability", 2L), Map.entry("checkout", 2L),
                // the webhook outbox is written by one node at a time, in event order: one segment
                Map.entry("webhooks", 1L));
    }

    @Test
    void theBookingListAnswersWhatTheBookingsEventsSay() {
        // given a booking with every detail, its JSON columns holding quotes and letters beyond ASCII, then changed
        Api.ClassFixture session = api.createClass(4, Map.of());
        Map<String, Object> body = Api.booking(session, "IN_PERSON");
        body.put("contact", Map.of("contactId", "c-9", "firstName", "Zoë", "lastName", "O'Brien-Łukasiewicz",
                "email", "zoe@example.org", "phone", "+49 30 5550 1234", "address", "Straße des 17. Juni 1, Berlin"));
        body.put("formInfo", Map.of("notes", "needs \"step-free\" access ✓", "experience", "none"));
        Api.Response created = api.post(Api.BOOKER, "/bookings", body);
        assertThat(created.status()).isEqualTo(201);
        String bookingId = created.text("bookingId");
        assertThat(api.post(Api.BOOKER, "/bookings/" + bookingId + "/participants", Map.of("participants", 2))
                .status()).isEqualTo(200);

        // when the read model answers, and the booking is folded from its events
        JsonNode stored = api.get(Api.OWNER, "/bookings/" + bookingId).body();
        JsonNode folded = api.get(Api.OWNER, "/bookings/" + bookingId + "?asOf=" + Instant.now()).body();

        // then both say the same, to the last detail
        assertThat(stored).isEqualTo(folded);
        assertThat(stored.path("contact").path("lastName").asText()).isEqualTo("O'Brien-Łukasiewicz");
        assertThat(stored.path("formInfo").path("notes").asText()).isEqualTo("needs \"step-free\" access ✓");
        assertThat(stored.path("participants").asInt()).isEqualTo(2);
        assertThat(stored.path("revision").asLong()).isEqualTo(2);
    }

    @Test
    void aCheckoutDeadlineIsARowInTheSameDatabase() {
        Api.ClassFixture session = api.createClass(1, Map.of("policy", Map.of("checkoutTimeoutMinutes", 5)));
        Api.Response created = api.post(Api.BOOKER, "/bookings", Api.booking(session, "ONLINE"));
        assertThat(created.text("status")).isEqualTo("PENDING_CHECKOUT");
        assertThat(Postgres.count(url, "select count(*) from scheduled_tasks where execution_time > now() "
                + "+ interval '4 minutes'")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: while it runs the second node may hold some of the first one's segments
    void aSecondStartOnTheSameDatabaseContinues() {
        Api.ClassFixture session = api.createClass(3, Map.of());
        String bookingId = UUID.randomUUID().toString();
        Map<String, Object> body = Api.booking(session, "IN_PERSON");
        body.put("bookingId", bookingId);
        assertThat(api.post(Api.BOOKER, "/bookings", body).status()).isEqualTo(201);
        long migrations = Postgres.count(url, "select count(*) from flyway_schema_history");

        try (ConfigurableApplicationContext second = Nodes.start(Postgres.profile(url))) {
            Api again = Nodes.api(second);
            assertThat(Postgres.count(url, "select count(*) from flyway_schema_history")).isEqualTo(migrations);
            assertThat(again.get(Api.OWNER, "/bookings/" + bookingId).text("status")).isEqualTo("CONFIRMED");
            // the same booking id again is the same booking, decided from the events the first start wrote
            assertThat(again.post(Api.BOOKER, "/bookings", body).status()).isIn(200, 201);
            assertThat(again.get(Api.OWNER, "/bookings?serviceId=" + session.serviceId()).body().path("total").asInt())
                    .isEqualTo(1);
            List<Map<String, Object>> owners = Postgres.rows(url, "select distinct owner from token_entry");
            assertThat(owners).isNotEmpty();
        }
    }
}

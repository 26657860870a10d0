package com.bookingengine.standalone;

import com.bookingengine.api.booking.BookingCanceledEvent;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.PaymentStatus;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * History is never rewritten (SPEC §5): a {@code BookingCanceledEvent} stored in its revision-1 shape (field
 * {@code canceledBy}) stays in the table as it was, and every reader — the event store, the booking aggregate, the
 * booking projection, a replay — sees the revision-2 record ({@code requestedBy}).
 */
class UpcasterTest {

    private static final String DB = "jdbc:h2:mem:upcasting-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private static ConfigurableApplicationContext node;
    private static Api api;
    private static JdbcTemplate db;

    @BeforeAll
    static void start() {
        node = Nodes.start(Map.of("spring.datasource.url", DB));
        api = Nodes.api(node);
        db = new JdbcTemplate(node.getBean(DataSource.class));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aCancelStoredInTheOldShapeReadsAsTheNewRecordEverywhere() {
        // given a confirmed booking
        Api.ClassFixture session = api.createClass(3, Map.of());
        Api.Response booked = api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String bookingId = booked.text("bookingId");

        // and a cancel written by the previous version of the engine: revision 1, field canceledBy
        String oldPayload = "{\"bookingId\":\"" + bookingId + "\",\"canceledBy\":\"OWNER\",\"reason\":\"studio closed\","
                + "\"status\":\"CANCELED\",\"paymentStatus\":\"NOT_PAID\"}";
        appendRaw(bookingId, 1, BookingCanceledEvent.class.getName(), "1", oldPayload);
        assertThat(db.queryForObject("select payload_revision from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = 1", String.class, bookingId)).isEqualTo("1");

        // when the event store reads the booking's history, then the cancel is the revision-2 record
        List<? extends DomainEventMessage<?>> history =
                node.getBean(EventStore.class).readEvents(bookingId).asStream().toList();
        assertThat(history).hasSize(2);
        assertThat(history.get(1).getPayload()).isEqualTo(new BookingCanceledEvent(bookingId, CancelRequester.OWNER,
                "studio closed", BookingStatus.CANCELED, PaymentStatus.NOT_PAID));

        // and the booking projection applies it
        await("the projection applies the old-shape cancel").atMost(Duration.ofSeconds(20))
                .until(() -> "CANCELED".equals(api.get(Api.OWNER, "/bookings/" + bookingId).text("status")));
        JsonNode live = api.get(Api.OWNER, "/bookings/" + bookingId).body();
        assertThat(live.path("revision").asLong()).isEqualTo(2);

        // and the booking aggregate loads from it: canceled, so a repeat cancel is a no-op and a confirm is refused
        Api.Response again = api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.text("status")).isEqualTo("CANCELED");
        assertThat(again.body().path("revision").asLong()).isEqualTo(2);
        Api.Response confirm = api.post(Api.OWNER, "/bookings/" + bookingId + "/confirm", Map.of());
        assertThat(confirm.status()).as(confirm.toString()).isEqualTo(409);
        assertThat(confirm.text("detail")).contains("CANCELED");

        // and a rebuilt booking read model gives the same answer
        assertThat(api.post(Api.OPERATOR, "/admin/processors/bookings/replay", null).status()).isEqualTo(202);
        awaitRebuilt("bookings");
        assertThat(api.get(Api.OWNER, "/bookings/" + bookingId).body()).isEqualTo(live);

        // and the stored event itself was never rewritten
        String stored = new String(db.queryForObject("select payload from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = 1", byte[].class, bookingId), StandardCharsets.UTF_8);
        assertThat(stored).isEqualTo(oldPayload);
    }

    @Test
    void aCancelMadeTodayIsStoredAsRevision2WithRequestedBy() {
        Api.ClassFixture session = api.createClass(3, Map.of());
        Api.Response booked = api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON"));
        String bookingId = booked.text("bookingId");

        assertThat(api.post(Api.BOOKER, "/bookings/" + bookingId + "/cancel", Map.of()).status()).isEqualTo(200);

        Map<String, Object> row = db.queryForMap("select payload_revision, payload from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 1", bookingId);
        assertThat(row.get("PAYLOAD_REVISION")).isEqualTo("2");
        assertThat(new String((byte[]) row.get("PAYLOAD"), StandardCharsets.UTF_8))
                .contains("\"requestedBy\":\"CUSTOMER\"").doesNotContain("canceledBy");
    }

    /** Writes an event row the way an older engine version did, bypassing today's serializer. */
    private static void appendRaw(String aggregateId, long sequence, String payloadType, String revision, String json) {
        String aggregateType = db.queryForObject("select type from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = 0", String.class, aggregateId);
        db.update("insert into domain_event_entry (global_index, event_identifier, meta_data, payload, payload_revision, "
                        + "payload_type, time_stamp, aggregate_identifier, sequence_number, type) "
                        + "values (next value for domain_event_entry_seq, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), "{\"actor\":\"dev-owner\"}".getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), revision, payloadType,
                DateTimeUtils.formatInstant(Instant.now()), aggregateId, sequence, aggregateType);
    }

    private static void awaitRebuilt(String processor) {
        await(processor + " rebuilt").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode status = api.get(Api.OPERATOR, "/admin/processors/" + processor).body();
            return status.path("running").asBoolean() && !status.path("replaying").asBoolean()
                    && status.path("lag").isNumber() && status.path("lag").asLong() == 0;
        });
    }
}

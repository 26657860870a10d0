package com.bookingengine.standalone;

import com.bookingengine.platform.audit.EventHash;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.bookingengine.standalone.Checks.conflict;
import static com.bookingengine.standalone.Checks.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One bad row does not silence the audit trail (docs/AUDIT.md): a stored event whose payload is not valid JSON for its
 * type, and one of a type this engine does not know, are planted directly in the event table, with a correct hash
 * chain, as an old bug would have written them. Every reader still answers, shows those events as stored and flagged,
 * and goes on to the events after them.
 */
@OwnEngine
class UnreadableEventTest extends EngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BROKEN_PAYLOAD = "{\"bookingId\":\"x\",\"requestedBy\":\"OWNER\",\"reason\":";
    private static final String UNKNOWN_TYPE = "com.bookingengine.api.booking.BookingTeleportedEvent";

    private static String damaged;
    private static Instant createdAt;
    private static long brokenPosition;
    private static long unknownPosition;
    private static String later;

    @BeforeAll
    static void givenAStoreWithUnreadableEvents() {
        Api.ClassFixture session = api.createClass(3, Map.of());
        damaged = ok(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")), 201).text("bookingId");
        createdAt = Instant.parse(api.get(Api.AUDITOR, "/bookings/" + damaged + "/history").body()
                .path("events").get(0).path("timestamp").asText());

        JdbcTemplate db = engine.getBean(JdbcTemplate.class);
        brokenPosition = plant(db, damaged, 1, "com.bookingengine.api.booking.BookingCanceledEvent", "2",
                BROKEN_PAYLOAD);
        unknownPosition = plant(db, damaged, 2, UNKNOWN_TYPE, null, "{\"bookingId\":\"" + damaged + "\"}");

        // and a booking made afterwards: its events come after the bad ones in the global stream
        later = ok(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")), 201).text("bookingId");
    }

    @Test
    void theGlobalStreamFlagsTheBadEventsAndGoesOn() {
        Api.Response page = api.get(Api.AUDITOR, "/events?after=" + (brokenPosition - 1) + "&limit=1000");

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        page.body().path("events").forEach(events::add);
        assertThat(events.get(0).path("position").asLong()).isEqualTo(brokenPosition);
        assertBroken(events.get(0));
        assertThat(events.get(0).path("aggregateId").asText()).isEqualTo(damaged);
        assertUnknown(events.get(1));
        assertThat(events.get(1).path("position").asLong()).isEqualTo(unknownPosition);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("aggregateId").asText()).isEqualTo(later);
            assertThat(e.path("type").asText()).isEqualTo("BookingCreatedEvent");
            assertThat(e.path("payload").path("bookingId").asText()).isEqualTo(later);
            assertThat(e.has("unreadable")).isFalse();
        });
    }

    @Test
    void theNdjsonExportFlagsTheBadEventsAndGoesOn() throws Exception {
        HttpResponse<String> export = raw.send(raw.request("/api/v1/events")
                .header("Authorization", "Bearer " + Api.AUDITOR).header("Accept", "application/x-ndjson"));

        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : export.body().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        JsonNode broken = lines.stream().filter(e -> e.path("position").asLong() == brokenPosition).findFirst()
                .orElseThrow();
        assertBroken(broken);
        assertUnknown(lines.stream().filter(e -> e.path("position").asLong() == unknownPosition).findFirst()
                .orElseThrow());
        assertThat(lines.get(lines.size() - 1).path("position").asLong()).isGreaterThan(unknownPosition);
        assertThat(lines).anySatisfy(e -> assertThat(e.path("aggregateId").asText()).isEqualTo(later));
    }

    @Test
    void theBookingsHistoryShowsTheBadEventsAsStored() {
        Api.Response history = api.get(Api.AUDITOR, "/bookings/" + damaged + "/history");

        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        JsonNode events = history.body().path("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(0).path("type").asText()).isEqualTo("BookingCreatedEvent");
        assertThat(events.get(0).has("unreadable")).isFalse();
        assertBroken(events.get(1));
        assertThat(events.get(1).path("sequence").asInt()).isEqualTo(1);
        assertUnknown(events.get(2));
    }

    @Test
    void asOfBeforeTheBadEventsAnswersAndAfterThemSaysWhyNot() {
        Api.Response before = api.get(Api.AUDITOR, "/bookings/" + damaged + "?asOf=" + createdAt);
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        assertThat(before.text("status")).isEqualTo("CONFIRMED");

        Api.Response after = conflict(api.get(Api.AUDITOR, "/bookings/" + damaged + "?asOf="
                + Instant.now().plusSeconds(5)), "unreadableEvent");
        assertThat(after.text("detail")).contains("sequence 1");
    }

    @Test
    void verificationStillChecksTheChainOverTheStoredBytes() {
        Api.Response one = api.get(Api.AUDITOR, "/audit/verify?aggregateId=" + damaged);
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.body().path("valid").asBoolean()).as(one.toString()).isTrue();
        assertThat(one.body().path("checked").asInt()).isEqualTo(3);

        Api.Response all = api.get(Api.AUDITOR, "/audit/verify");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.body().path("valid").asBoolean()).as(all.toString()).isTrue();
    }

    @Test
    void theProjectionsParkTheBadEventAndGoOn() {
        // the booking made after the bad events is in the read model: the projection went past them
        await("the later booking is projected").atMost(Duration.ofSeconds(20))
                .until(() -> api.get(Api.OWNER, "/bookings/" + later).status() == 200);
        assertThat(ok(api.get(Api.OWNER, "/bookings/" + later), 200).text("status")).isEqualTo("CONFIRMED");
        assertThat(api.get(Api.AUDITOR, "/bookings/" + later + "/history").body().path("events")).hasSize(1);
        // and the event it could not read waits in its dead-letter queue for an operator
        await("the unreadable cancel is parked").atMost(Duration.ofSeconds(20)).until(() -> api.get(Api.OPERATOR,
                "/admin/processors/bookings/dead-letters").body().path("letters").asLong() >= 1);
    }

    private static void assertBroken(JsonNode event) {
        assertThat(event.path("unreadable").asBoolean()).as(event.toString()).isTrue();
        assertThat(event.path("type").asText()).isEqualTo("BookingCanceledEvent");
        assertThat(event.path("reason").asText()).as(event.toString()).contains("payload").hasSizeLessThan(400);
        assertThat(event.has("payload")).isFalse();
        assertThat(event.path("stored").path("payload").asText()).isEqualTo(BROKEN_PAYLOAD);
        assertThat(event.path("stored").path("payloadType").asText())
                .isEqualTo("com.bookingengine.api.booking.BookingCanceledEvent");
        assertThat(event.path("stored").path("payloadRevision").asText()).isEqualTo("2");
        assertThat(event.path("metadata").path("actor").asText()).isEqualTo("dev-owner");
        assertThat(event.path("timestamp").asText()).isNotBlank();
    }

    private static void assertUnknown(JsonNode event) {
        assertThat(event.path("unreadable").asBoolean()).as(event.toString()).isTrue();
        assertThat(event.path("type").asText()).isEqualTo("BookingTeleportedEvent");
        assertThat(event.path("reason").asText()).contains(UNKNOWN_TYPE);
        assertThat(event.path("stored").path("payloadType").asText()).isEqualTo(UNKNOWN_TYPE);
        assertThat(event.path("stored").path("payload").asText()).contains("bookingId");
    }

    /**
     * Appends a row to the event table directly, chained to the aggregate's previous event exactly as the engine
     * chains its own, and returns its global position.
     */
    private static long plant(JdbcTemplate db, String aggregateId, long sequence, String payloadType, String revision,
                              String payload) {
        Map<String, Object> previous = db.queryForMap("select type, meta_data from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = ?", aggregateId, sequence - 1);
        String previousHash = read((byte[]) previous.get("META_DATA")).path(EventHash.KEY).asText();
        String eventId = UUID.randomUUID().toString();
        String timestamp = DateTimeUtils.formatInstant(Instant.now());
        String correlation = UUID.randomUUID().toString();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        String hash = EventHash.of(previousHash, aggregateId, sequence, eventId, timestamp, payloadType, revision,
                bytes, "dev-owner", correlation, correlation);
        String metadata = "{\"actor\":\"dev-owner\",\"correlationId\":\"" + correlation + "\",\"causationId\":\""
                + correlation + "\",\"hash\":\"" + hash + "\"}";
        db.update("insert into domain_event_entry (global_index, event_identifier, meta_data, payload, "
                        + "payload_revision, payload_type, time_stamp, aggregate_identifier, sequence_number, type) "
                        + "values (next value for domain_event_entry_seq, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                eventId, metadata.getBytes(StandardCharsets.UTF_8), bytes, revision, payloadType, timestamp,
                aggregateId, sequence, previous.get("TYPE"));
        return db.queryForObject("select global_index from domain_event_entry where event_identifier = ?",
                Long.class, eventId);
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

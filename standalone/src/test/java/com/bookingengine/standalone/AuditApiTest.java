package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What auditors rely on (SPEC §5): a booking's history, the booking as of an instant, the export, the hash chain. */
@OwnEngine
class AuditApiTest extends EngineTest {

    private String bookAndConfirmAndCancel(Api.ClassFixture session) {
        String id = api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")).text("bookingId");
        assertThat(api.post(Api.OWNER, "/bookings/" + id + "/mark-paid", Map.of()).status()).isEqualTo(200);
        assertThat(api.post(Api.OWNER, "/bookings/" + id + "/cancel", Map.of("reason", "moved")).status()).isEqualTo(200);
        return id;
    }

    @Test
    void aBookingsHistoryListsItsEventsInOrderWithWhoAndWhy() {
        Api.ClassFixture session = api.createClass(3, Map.of());
        String id = bookAndConfirmAndCancel(session);

        Api.Response history = api.get(Api.AUDITOR, "/bookings/" + id + "/history");

        assertThat(history.status()).isEqualTo(200);
        JsonNode events = history.body().path("events");
        assertThat(events).hasSize(3);
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactly("BookingCreatedEvent", "BookingMarkedPaidEvent", "BookingCanceledEvent");
        assertThat(events).extracting(e -> e.path("sequence").asInt()).containsExactly(0, 1, 2);
        assertThat(events).extracting(e -> e.path("metadata").path("actor").asText())
                .containsExactly("dev-booker", "dev-owner", "dev-owner");
        assertThat(events.get(2).path("payload").path("reason").asText()).isEqualTo("moved");
        for (JsonNode event : events) {
            assertThat(event.path("metadata").path("correlationId").asText()).isNotBlank();
            assertThat(event.path("metadata").path("causationId").asText()).isNotBlank();
            assertThat(event.path("metadata").path("hash").asText()).hasSize(64);
            assertThat(event.path("timestamp").asText()).isNotBlank();
        }
        assertThat(api.get(Api.AUDITOR, "/bookings/nope/history").status()).isEqualTo(404);
        assertThat(api.get(Api.AUDITOR, "/bookings/" + session.sessionId() + "/history").status()).isEqualTo(404);
        assertThat(api.get(Api.BOOKER, "/bookings/" + id + "/history").status()).isEqualTo(403);
    }

    @Test
    void asOfAnswersTheBookingAsItStoodThen() {
        Api.ClassFixture session = api.createClass(3, Map.of());
        String id = bookAndConfirmAndCancel(session);
        JsonNode events = api.get(Api.AUDITOR, "/bookings/" + id + "/history").body().path("events");
        Instant created = Instant.parse(events.get(0).path("timestamp").asText());
        Instant paid = Instant.parse(events.get(1).path("timestamp").asText());

        Api.Response before = api.get(Api.AUDITOR, "/bookings/" + id + "?asOf=" + created.minusMillis(1));
        Api.Response atCreation = api.get(Api.AUDITOR, "/bookings/" + id + "?asOf=" + created);
        Api.Response afterPayment = api.get(Api.AUDITOR, "/bookings/" + id + "?asOf=" + paid);
        Api.Response now = api.get(Api.AUDITOR, "/bookings/" + id + "?asOf=" + Instant.now().plusSeconds(5));

        assertThat(before.status()).isEqualTo(404);
        assertThat(atCreation.text("paymentStatus")).isEqualTo("NOT_PAID");
        assertThat(atCreation.body().path("revision").asInt()).isEqualTo(1);
        assertThat(afterPayment.text("status")).isEqualTo("CONFIRMED");
        assertThat(afterPayment.text("paymentStatus")).isEqualTo("PAID");
        assertThat(afterPayment.body().path("revision").asInt()).isEqualTo(2);
        // Folded from the event store, the present equals the read model's answer.
        assertThat(now.body()).isEqualTo(api.get(Api.AUDITOR, "/bookings/" + id).body());
        assertThat(api.get(Api.AUDITOR, "/bookings/" + id + "?asOf=yesterday").status()).isEqualTo(400);
    }

    @Test
    void theWholeStreamPagesByPositionAndExportsAsNdjson() throws Exception {
        Api.ClassFixture session = api.createClass(5, Map.of());
        for (int i = 0; i < 3; i++) {
            bookAndConfirmAndCancel(session);
        }
        List<Long> paged = new ArrayList<>();
        Long after = null;
        while (true) {
            Api.Response page = api.get(Api.AUDITOR, "/events?limit=4" + (after == null ? "" : "&after=" + after));
            assertThat(page.status()).isEqualTo(200);
            JsonNode events = page.body().path("events");
            if (events.isEmpty()) {
                assertThat(page.body().path("next").isNull()).isTrue();
                break;
            }
            events.forEach(e -> paged.add(e.path("position").asLong()));
            after = page.body().path("next").asLong();
            assertThat(after).isEqualTo(events.get(events.size() - 1).path("position").asLong());
        }
        assertThat(paged).isSorted().doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(4 + 3 * 5);

        var raw = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl() + "/events"))
                .header("Authorization", "Bearer " + Api.AUDITOR).header("Accept", "application/x-ndjson").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<Long> exported = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : raw.body().split("\n")) {
            JsonNode event = json.readTree(line);
            assertThat(event.has("aggregateId") && event.has("sequence") && event.has("payload")).isTrue();
            exported.add(event.path("position").asLong());
        }
        assertThat(exported).containsExactlyElementsOf(paged);

        assertThat(api.get(Api.OWNER, "/events").status()).isEqualTo(403);
        assertThat(api.get(Api.AUDITOR, "/events?limit=0").status()).isEqualTo(400);
    }

    @Test
    void verificationFindsAnEventAlteredOrRemovedInTheDatabase() {
        Api.ClassFixture session = api.createClass(3, Map.of());
        String id = bookAndConfirmAndCancel(session);
        Api.Response intact = api.get(Api.AUDITOR, "/audit/verify?aggregateId=" + id);
        assertThat(intact.body().path("valid").asBoolean()).isTrue();
        assertThat(intact.body().path("checked").asInt()).isEqualTo(3);
        assertThat(api.get(Api.AUDITOR, "/audit/verify").body().path("valid").asBoolean()).isTrue();

        // Someone with database access rewrites who canceled, in the stored JSON of event 2.
        JdbcTemplate jdbc = engine.getBean(JdbcTemplate.class);
        byte[] payload = jdbc.queryForObject("select payload from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = 2", byte[].class, id);
        String altered = new String(payload, StandardCharsets.UTF_8).replace("moved", "customer asked");
        jdbc.update("update domain_event_entry set payload = ? where aggregate_identifier = ? and sequence_number = 2",
                altered.getBytes(StandardCharsets.UTF_8), id);

        JsonNode one = api.get(Api.AUDITOR, "/audit/verify?aggregateId=" + id).body();
        assertThat(one.path("valid").asBoolean()).isFalse();
        assertThat(one.path("firstBroken").path("aggregateId").asText()).isEqualTo(id);
        assertThat(one.path("firstBroken").path("sequence").asInt()).isEqualTo(2);
        JsonNode all = api.get(Api.AUDITOR, "/audit/verify").body();
        assertThat(all.path("valid").asBoolean()).isFalse();
        assertThat(all.path("firstBroken").path("aggregateId").asText()).isEqualTo(id);

        // Removing an event is found as well: the chain misses a link.
        String other = bookAndConfirmAndCancel(session);
        jdbc.update("delete from domain_event_entry where aggregate_identifier = ? and sequence_number = 1", other);
        JsonNode gap = api.get(Api.AUDITOR, "/audit/verify?aggregateId=" + other).body();
        assertThat(gap.path("valid").asBoolean()).isFalse();
        assertThat(gap.path("firstBroken").path("sequence").asInt()).isEqualTo(2);

        assertThat(api.get(Api.AUDITOR, "/audit/verify?aggregateId=nope").status()).isEqualTo(404);
        assertThat(api.get(Api.BOOKER, "/audit/verify").status()).isEqualTo(403);
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + engine.getEnvironment().getProperty("local.server.port") + "/api/v1";
    }
}

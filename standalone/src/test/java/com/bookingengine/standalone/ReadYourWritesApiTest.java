package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes in the embedded default: every command answers with {@code X-Event-Position}, and a query issued
 * after the answer sees the command (without a header: the engine waits for its own writes at query time; with
 * {@code X-Min-Position}: for that position). A position the read model cannot reach in time is a 503 with
 * Retry-After; a malformed one a 400 naming the header.
 */
class ReadYourWritesApiTest extends EngineTest {

    @Test
    void everyCommandAnswersWithARisingEventPositionAndTheNextQuerySeesIt() {
        Api.ClassFixture session = api.createClass(3, Map.of());
        HttpResponse<String> created = booked(session);
        long first = position(created);
        String bookingId = RawHttp.json(created).path("bookingId").asText();

        // no header: the query still sees the booking the engine has just answered for
        Api.Response read = api.get("dev-owner", "/bookings/" + bookingId);
        assertThat(read.status()).isEqualTo(200);
        JsonNode slots = api.get("dev-owner", "/availability?serviceId=" + session.serviceId() + "&from="
                + session.start().minusSeconds(3600) + "&to=" + session.start().plusSeconds(7200)).body().path("slots");
        assertThat(slots.get(0).path("openSpots").asInt()).isEqualTo(2);

        HttpResponse<String> canceled = raw.send(raw.post("dev-owner", "/api/v1/bookings/" + bookingId + "/cancel",
                Map.of("reason", "test")));
        assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
        long second = position(canceled);
        assertThat(second).isGreaterThan(first);

        Api.Response reread = api.send("dev-owner", "GET", "/bookings/" + bookingId, null,
                Map.of("X-Min-Position", Long.toString(second)));
        assertThat(reread.status()).isEqualTo(200);
        assertThat(reread.text("status")).isEqualTo("CANCELED");
    }

    @Test
    void theEventPositionIsWhereTheCommandsLastEventIsStored() {
        Api.ClassFixture session = api.createClass(3, Map.of());
        HttpResponse<String> created = booked(session);
        long position = position(created);
        String bookingId = RawHttp.json(created).path("bookingId").asText();

        // the booking's two events (its seat, then the booking): the answer names the later one's place
        JsonNode stored = api.get("dev-auditor", "/events?after=" + Math.max(0, position - 10) + "&limit=20")
                .body().path("events");
        Map<String, Long> placeOf = new HashMap<>();
        stored.forEach(event -> placeOf.put(event.path("aggregateId").asText(), event.path("position").asLong()));
        assertThat(placeOf.get(bookingId)).as(stored.toString()).isEqualTo(position);
        assertThat(placeOf.get(session.sessionId())).as(stored.toString()).isLessThan(position);
    }

    @Test
    void aRepeatedCreateStoresNothingAndStillAnswersAPosition() {
        Api.ClassFixture session = api.createClass(3, Map.of());
        Map<String, Object> body = Api.booking(session, "IN_PERSON");
        body.put("bookingId", UUID.randomUUID().toString());
        HttpResponse<String> first = raw.send(raw.post("dev-booker", "/api/v1/bookings", body));
        HttpResponse<String> again = raw.send(raw.post("dev-booker", "/api/v1/bookings", body));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(position(again)).isGreaterThanOrEqualTo(position(first));
    }

    @Test
    void aPositionNotReachedInTimeIs503WithRetryAfterAndAMalformedOneIs400() {
        HttpResponse<String> far = raw.send(raw.request("/api/v1/bookings?size=1")
                .header("Authorization", "Bearer dev-owner").header("X-Min-Position", "900000000000"));
        assertThat(far.statusCode()).isEqualTo(503);
        assertThat(far.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(far.headers().firstValue("Retry-After")).contains("1");

        HttpResponse<String> bad = raw.send(raw.request("/api/v1/bookings?size=1")
                .header("Authorization", "Bearer dev-owner").header("X-Min-Position", "-3"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(bad).path("field").asText()).isEqualTo("X-Min-Position");
    }

    private HttpResponse<String> booked(Api.ClassFixture session) {
        HttpResponse<String> created = raw.send(raw.post("dev-booker", "/api/v1/bookings",
                Api.booking(session, "IN_PERSON")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created;
    }

    private static long position(HttpResponse<String> answer) {
        return Long.parseLong(answer.headers().firstValue("X-Event-Position").orElseThrow());
    }
}

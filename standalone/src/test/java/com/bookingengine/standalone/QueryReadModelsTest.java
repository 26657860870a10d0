package com.bookingengine.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query waits for the read models it reads and no others. Here the webhook outbox is held back (its writer paced to
 * one batch an hour, so it takes the first events and then nothing more): the webhook list cannot reach a booking's
 * {@code X-Min-Position}, while the calendar feed, which reads the catalogue and the bookings, answers with it.
 */
class QueryReadModelsTest {

    private static ConfigurableApplicationContext engine;
    private static Api api;
    private static RawHttp raw;

    @BeforeAll
    static void start() {
        engine = Nodes.start(Map.of(
                "spring.datasource.url", "jdbc:h2:mem:read-models-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "booking.webhooks.outbox-pace", "1h",
                "booking.read-your-writes.patience", "1s"));
        api = Nodes.api(engine);
        raw = new RawHttp(engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void theCalendarFeedAnswersAPositionItsReadModelsHaveReachedWhileTheWebhookOutboxLagsBehind() {
        Api.ClassFixture session = api.createClass(3, Map.of());
        HttpResponse<String> created = raw.send(raw.post("dev-booker", "/api/v1/bookings",
                Api.booking(session, "IN_PERSON")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String position = created.headers().firstValue("X-Event-Position").orElseThrow();
        String bookingId = RawHttp.json(created).path("bookingId").asText();

        HttpResponse<String> webhooks = raw.send(raw.request("/api/v1/webhooks")
                .header("Authorization", "Bearer dev-owner").header("X-Min-Position", position));
        assertThat(webhooks.statusCode()).as(webhooks.body()).isEqualTo(503);
        assertThat(RawHttp.json(webhooks).path("readModels").toString()).contains("\"webhooks\"");

        HttpResponse<String> feed = raw.send(raw.request("/api/v1/calendar/services/" + session.serviceId() + ".ics")
                .header("Authorization", "Bearer dev-owner").header("Accept", "text/calendar")
                .header("X-Min-Position", position));
        assertThat(feed.statusCode()).as(feed.body()).isEqualTo(200);
        assertThat(feed.body()).contains("UID:" + bookingId + "@booking-engine");
    }
}

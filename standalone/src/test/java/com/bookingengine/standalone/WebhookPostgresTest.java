package com.bookingengine.standalone;

import com.bookingengine.standalone.WebhookReceiver.Answer;
import com.bookingengine.standalone.WebhookReceiver.Call;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks on the postgres profile: Flyway's tables validate against the entities, and with two nodes sharing the
 * database (both with a sender, one holding the webhooks processor) every event reaches the receiver exactly once
 * acknowledged, in order per aggregate, also through failures. Private targets are refused here except the
 * allowed 127.0.0.1.
 */
class WebhookPostgresTest {

    private static String url;
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @BeforeAll
    static void start() {
        url = Postgres.createDatabase("webhooks_pg");
        for (String node : List.of("node-a", "node-b")) {
            Map<String, Object> settings = new HashMap<>(Postgres.profile(url));
            settings.put("booking.node-id", node);
            settings.put("booking.webhooks.timeout", "2s");
            settings.put("booking.webhooks.initial-backoff", "100ms");
            settings.put("booking.webhooks.max-backoff", "400ms");
            settings.put("booking.webhooks.poll-interval", "100ms");
            settings.put("booking.webhooks.allowed-hosts", "127.0.0.1");
            nodes.add(Nodes.start(settings));
        }
    }

    @AfterAll
    static void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
        Postgres.dropDatabase(url);
    }

    @Test
    void twoNodesDeliverEveryEventOnceInOrder() throws Exception {
        Api a = Nodes.api(nodes.get(0));
        Api b = Nodes.api(nodes.get(1));
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            receiver.script(Answer.FAIL_500, Answer.CLOSE, Answer.FAIL_500);
            assertThat(a.post(Api.OWNER, "/webhooks", Map.of("url", "http://localhost:9/hooks")).status())
                    .isEqualTo(400);
            Api.Response created = a.post(Api.OWNER, "/webhooks", Map.of("url", receiver.url()));
            assertThat(created.status()).isEqualTo(201);
            String secret = created.text("secret");

            Api.ClassFixture session = a.createClass(20, Map.of());
            List<String> bookings = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Api node = i % 2 == 0 ? a : b;
                Api.Response booked = node.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON"));
                assertThat(booked.status()).isEqualTo(201);
                bookings.add(booked.text("bookingId"));
            }
            for (int i = 0; i < 10; i += 3) {
                Api node = i % 2 == 0 ? b : a;
                assertThat(node.post(Api.OWNER, "/bookings/" + bookings.get(i) + "/cancel", Map.of()).status())
                        .isEqualTo(200);
            }
            long expected = Postgres.count(url, "select count(*) from domain_event_entry");

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.acknowledged().size() >= expected);
            Thread.sleep(1000);
            List<Call> acknowledged = receiver.acknowledged();
            assertThat(acknowledged).hasSize((int) expected);
            assertThat(acknowledged.stream().map(Call::position).collect(Collectors.toSet())).hasSize((int) expected);
            assertThat(receiver.calls()).allMatch(call -> WebhookReceiver.signatureValid(secret, call));
            Map<String, Long> last = new HashMap<>();
            for (Call call : acknowledged) {
                JsonNode body = call.json();
                Long before = last.put(body.path("aggregateId").asText(), body.path("sequence").asLong());
                assertThat(before == null || before < body.path("sequence").asLong()).isTrue();
            }
            assertThat(Postgres.rows(url, "select status, count(*) as n from webhook_delivery group by status"))
                    .singleElement().satisfies(row -> {
                        assertThat(row.get("status")).isEqualTo("DELIVERED");
                        assertThat(((Number) row.get("n")).longValue()).isEqualTo(expected);
                    });
            assertThat(Postgres.count(url, "select count(*) from token_entry where processor_name = 'webhooks'"))
                    .isEqualTo(1);
            Set<String> types = acknowledged.stream().map(c -> c.json().path("type").asText()).collect(Collectors.toSet());
            assertThat(types).contains("BookingCreatedEvent", "BookingCanceledEvent", "SeatsReservedEvent");
        }
    }
}

package com.bookingengine.standalone;

import com.bookingengine.standalone.WebhookReceiver.Answer;
import com.bookingengine.standalone.WebhookReceiver.Call;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks over real HTTP both ways (SPEC §7): the engine on a file-backed store with timeouts and backoff shrunk to
 * fractions of a second, a maximum age of 4 s, private targets refused except 127.0.0.1, and a local receiver that
 * fails in every way a receiver can. Signatures are checked with the test's own HMAC.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookTest {

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext engine;
    static Api api;

    static Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("booking.data-dir", dataDir.toString());
        settings.put("booking.webhooks.timeout", "1s");
        settings.put("booking.webhooks.initial-backoff", "100ms");
        settings.put("booking.webhooks.max-backoff", "400ms");
        settings.put("booking.webhooks.max-age", "4s");
        settings.put("booking.webhooks.poll-interval", "100ms");
        settings.put("booking.webhooks.allow-private-targets", "false");
        settings.put("booking.webhooks.allowed-hosts", "127.0.0.1");
        return settings;
    }

    @BeforeAll
    static void start() {
        engine = Nodes.start(settings());
        api = Nodes.api(engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    record Webhook(String webhookId, String secret) {
    }

    static Webhook register(String url, List<String> eventTypes) {
        Map<String, Object> body = new HashMap<>(Map.of("url", url, "description", "test receiver"));
        if (eventTypes != null) {
            body.put("eventTypes", eventTypes);
        }
        Api.Response created = api.post(Api.OWNER, "/webhooks", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("secret")).startsWith("whsec_");
        // 24 random bytes at least
        assertThat(java.util.Base64.getDecoder().decode(created.text("secret").substring(6)).length)
                .isGreaterThanOrEqualTo(24);
        return new Webhook(created.text("webhookId"), created.text("secret"));
    }

    static void delete(Webhook webhook) {
        assertThat(api.send(Api.OWNER, "DELETE", "/webhooks/" + webhook.webhookId(), null, Map.of()).status())
                .isEqualTo(204);
    }

    /** Every stored event after {@code after}, as auditors read them. */
    static List<JsonNode> eventsAfter(long after) {
        List<JsonNode> events = new ArrayList<>();
        Long next = after;
        while (next != null) {
            JsonNode page = api.get(Api.AUDITOR, "/events?limit=1000&after=" + next).body();
            page.path("events").forEach(events::add);
            next = page.path("next").isNull() ? null : page.path("next").asLong();
        }
        return events;
    }

    static long head() {
        List<JsonNode> all = eventsAfter(0);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).path("position").asLong();
    }

    static Set<Long> positions(List<JsonNode> events) {
        return events.stream().map(e -> e.path("position").asLong()).collect(Collectors.toSet());
    }

    static String bookOne(Api.ClassFixture session) {
        Api.Response booked = api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON"));
        assertThat(booked.status()).isEqualTo(201);
        return booked.text("bookingId");
    }

    static JsonNode deliveries(String webhookId, String query) {
        Api.Response list = api.get(Api.OWNER, "/webhooks/" + webhookId + "/deliveries" + query);
        assertThat(list.status()).isEqualTo(200);
        return list.body();
    }

    /** The receiver's calls, checked: every signature valid and fresh, and one booking's events in order. */
    static void assertSignedAndOrdered(WebhookReceiver receiver, Webhook webhook) {
        assertSignedAndOrdered(receiver, webhook, receiver.acknowledged());
    }

    static void assertSignedAndOrdered(WebhookReceiver receiver, Webhook webhook, List<Call> acknowledged) {
        long now = System.currentTimeMillis() / 1000;
        for (Call call : receiver.calls()) {
            assertThat(WebhookReceiver.signatureValid(webhook.secret(), call)).as("signature of " + call).isTrue();
            assertThat(Long.parseLong(call.timestamp())).isBetween(now - 300, now + 5);
            assertThat(call.webhookId()).startsWith("msg_");
        }
        Map<String, Long> lastSequence = new HashMap<>();
        for (Call call : acknowledged) {
            String aggregate = call.json().path("aggregateId").asText();
            long sequence = call.json().path("sequence").asLong();
            Long before = lastSequence.put(aggregate, sequence);
            assertThat(before == null || before < sequence).as("order of " + aggregate + " at " + sequence).isTrue();
        }
    }

    @Test
    @Order(1)
    void everyEventArrivesSignedInOrderOnceAcknowledgedThroughA500ATimeoutAndADroppedConnection() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(2_500)) {
            receiver.script(Answer.FAIL_500, Answer.TOO_SLOW, Answer.CLOSE);
            long before = head();
            Webhook webhook = register(receiver.url(), null);

            Api.ClassFixture session = api.createClass(5, Map.of());
            List<String> bookings = List.of(bookOne(session), bookOne(session), bookOne(session));
            assertThat(api.post(Api.OWNER, "/bookings/" + bookings.get(0) + "/cancel", Map.of()).status()).isEqualTo(200);
            assertThat(api.post(Api.OWNER, "/bookings/" + bookings.get(1) + "/cancel", Map.of()).status()).isEqualTo(200);
            List<JsonNode> expected = eventsAfter(before);
            assertThat(expected).hasSizeGreaterThan(8);

            await("every event acknowledged").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> receiver.acknowledged().stream().map(Call::position).collect(Collectors.toSet())
                            .containsAll(positions(expected)));
            Thread.sleep(500);

            // exactly once acknowledged each, the three failures retried under the same webhook-id
            List<Call> acknowledged = receiver.acknowledged();
            assertThat(acknowledged).hasSize(expected.size());
            Map<Long, String> idByPosition = acknowledged.stream()
                    .collect(Collectors.toMap(Call::position, Call::webhookId));
            assertThat(new HashSet<>(idByPosition.values())).hasSize(expected.size());
            List<Call> failed = receiver.calls().stream().filter(c -> !c.acknowledged()).toList();
            assertThat(failed).extracting(Call::answer)
                    .containsExactlyInAnyOrder(Answer.FAIL_500, Answer.TOO_SLOW, Answer.CLOSE);
            for (Call call : failed) {
                assertThat(call.webhookId()).isEqualTo(idByPosition.get(call.position()));
                assertThat(call.body()).isEqualTo(acknowledged.stream()
                        .filter(a -> a.position() == call.position()).findFirst().orElseThrow().body());
            }
            assertSignedAndOrdered(receiver, webhook);

            // the body is the stored event as /events shows it
            for (JsonNode event : expected) {
                JsonNode body = acknowledged.stream().filter(c -> c.position() == event.path("position").asLong())
                        .findFirst().orElseThrow().json();
                assertThat(body.path("type").asText()).isEqualTo(event.path("type").asText());
                assertThat(body.path("aggregateId").asText()).isEqualTo(event.path("aggregateId").asText());
                assertThat(body.path("sequence").asLong()).isEqualTo(event.path("sequence").asLong());
                assertThat(body.path("timestamp").asText()).isEqualTo(event.path("timestamp").asText());
                assertThat(body.path("data")).isEqualTo(event.path("payload"));
            }

            JsonNode list = deliveries(webhook.webhookId(), "");
            assertThat(list.path("pending").asLong()).isZero();
            assertThat(list.path("parked").asLong()).isZero();
            assertThat(list.path("deliveries")).hasSize(expected.size());
            int attempts = 0;
            for (JsonNode delivery : list.path("deliveries")) {
                assertThat(delivery.path("status").asText()).isEqualTo("DELIVERED");
                assertThat(delivery.path("webhookMessageId").asText())
                        .isEqualTo(idByPosition.get(delivery.path("position").asLong()));
                attempts += delivery.path("attempts").asInt();
            }
            assertThat(attempts).isEqualTo(expected.size() + 3);
            delete(webhook);
        }
    }

    @Test
    @Order(2)
    void onlyTheChosenEventTypesAreSentAndBadTargetsAreRefused() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            Webhook webhook = register(receiver.url(), List.of("BookingCanceledEvent"));
            Api.ClassFixture session = api.createClass(5, Map.of());
            String booking = bookOne(session);
            bookOne(session);
            assertThat(api.post(Api.OWNER, "/bookings/" + booking + "/cancel", Map.of()).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.acknowledged().size() == 1);
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
                    .until(() -> receiver.calls().size() == 1);
            Call call = receiver.acknowledged().get(0);
            assertThat(call.json().path("type").asText()).isEqualTo("BookingCanceledEvent");
            assertThat(call.json().path("aggregateId").asText()).isEqualTo(booking);
            assertThat(WebhookReceiver.signatureValid(webhook.secret(), call)).isTrue();

            // listed without its secret; gone after delete
            Api.Response listed = api.get(Api.OWNER, "/webhooks");
            JsonNode mine = null;
            for (JsonNode w : listed.body().path("webhooks")) {
                assertThat(w.has("secret")).isFalse();
                if (w.path("webhookId").asText().equals(webhook.webhookId())) {
                    mine = w;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.path("url").asText()).isEqualTo(receiver.url());
            assertThat(mine.path("eventTypes").get(0).asText()).isEqualTo("BookingCanceledEvent");
            assertThat(api.send(Api.OWNER, "DELETE", "/webhooks/" + webhook.webhookId(), null, Map.of()).status())
                    .isEqualTo(204);
            assertThat(api.get(Api.OWNER, "/webhooks/" + webhook.webhookId() + "/deliveries").status()).isEqualTo(404);
            assertThat(api.send(Api.OWNER, "DELETE", "/webhooks/" + webhook.webhookId(), null, Map.of()).status())
                    .isEqualTo(404);
        }

        for (String url : List.of("ftp://127.0.0.1/hooks", "not a url", "http:///hooks", "127.0.0.1:8080/hooks",
                "http://localhost:9/hooks", "http://10.1.2.3/hooks", "http://169.254.169.254/latest/meta-data",
                "http://[::1]:9/hooks", "http://user:pw@127.0.0.1:9/hooks", "")) {
            Api.Response refused = api.post(Api.OWNER, "/webhooks", Map.of("url", url));
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.text("field")).as(url).isEqualTo("url");
        }
        Api.Response unknownType = api.post(Api.OWNER, "/webhooks",
                Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes", List.of("BookingCreatedEvent", "NoSuchEvent")));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.text("field")).isEqualTo("eventTypes[1]");
        Map<String, Object> strict = Map.of(
                "{\"url\": 5}", "url",
                "{\"url\": \"http://127.0.0.1:9/\", \"description\": \"tab\\tin\"}", "description",
                "{\"url\": \"http://127.0.0.1:9/\", \"eventTypes\": \"BookingCreatedEvent\"}", "eventTypes",
                "{\"url\": \"http://127.0.0.1:9/\", \"url\": \"http://127.0.0.1:8/\"}", "url");
        strict.forEach((body, field) -> {
            Api.Response refused = api.post(Api.OWNER, "/webhooks", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.text("field")).as(body).isEqualTo(field);
        });
        assertThat(api.post(Api.AUDITOR, "/webhooks", Map.of("url", "http://127.0.0.1:9/hooks")).status())
                .isEqualTo(403);
        assertThat(api.get(Api.AUDITOR, "/webhooks").status()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void aDeliveryFailingPastItsMaximumAgeIsParkedWithTheLaterOnesOfItsBookingAndRetriedOnRequest() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            receiver.otherwise(Answer.FAIL_500);
            Webhook webhook = register(receiver.url(), List.of("BookingCreatedEvent", "BookingCanceledEvent"));
            String booking = bookOne(api.createClass(5, Map.of()));
            assertThat(api.post(Api.OWNER, "/bookings/" + booking + "/cancel", Map.of()).status()).isEqualTo(200);

            await("parked").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> deliveries(webhook.webhookId(), "?status=PARKED").path("deliveries").size() == 2);
            JsonNode parked = deliveries(webhook.webhookId(), "?status=PARKED").path("deliveries");
            JsonNode created = parked.get(1);
            JsonNode canceled = parked.get(0);
            assertThat(created.path("eventType").asText()).isEqualTo("BookingCreatedEvent");
            assertThat(created.path("attempts").asInt()).isGreaterThan(2);
            assertThat(created.path("lastStatusCode").asInt()).isEqualTo(500);
            assertThat(created.path("lastError").asText()).contains("HTTP 500");
            assertThat(canceled.path("eventType").asText()).isEqualTo("BookingCanceledEvent");
            assertThat(canceled.path("attempts").asInt()).isZero();
            assertThat(canceled.path("lastError").asText()).contains("waits behind");
            // the cancel was never sent before the create was acknowledged
            assertThat(receiver.calls()).allMatch(c -> c.json().path("type").asText().equals("BookingCreatedEvent"));
            assertThat(deliveries(webhook.webhookId(), "").path("parked").asLong()).isEqualTo(2);

            receiver.otherwise(Answer.OK);
            Api.Response retried = api.post(Api.OWNER, "/webhooks/" + webhook.webhookId() + "/deliveries/"
                    + created.path("deliveryId").asLong() + "/retry", Map.of());
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.body().path("retried")).hasSize(2);
            await("delivered after retry").atMost(Duration.ofSeconds(15))
                    .until(() -> receiver.acknowledged().size() == 2);
            assertThat(receiver.acknowledged()).extracting(c -> c.json().path("type").asText())
                    .containsExactly("BookingCreatedEvent", "BookingCanceledEvent");
            assertThat(receiver.acknowledged().get(0).webhookId()).isEqualTo(receiver.calls().get(0).webhookId());
            assertSignedAndOrdered(receiver, webhook);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    deliveries(webhook.webhookId(), "?status=DELIVERED").path("deliveries").size() == 2);
            assertThat(api.post(Api.OWNER, "/webhooks/" + webhook.webhookId() + "/deliveries/"
                    + created.path("deliveryId").asLong() + "/retry", Map.of()).status()).isEqualTo(409);

            // a replay over a parked delivery replaces it: sent again under its webhook-id, nothing left parked
            receiver.otherwise(Answer.FAIL_500);
            bookOne(api.createClass(5, Map.of()));
            await("parked again").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> deliveries(webhook.webhookId(), "?status=PARKED").path("deliveries").size() == 1);
            JsonNode stuck = deliveries(webhook.webhookId(), "?status=PARKED").path("deliveries").get(0);
            receiver.otherwise(Answer.OK);
            Api.Response replay = api.post(Api.OWNER, "/webhooks/" + webhook.webhookId() + "/replay",
                    Map.of("fromPosition", stuck.path("position").asLong()));
            assertThat(replay.body().path("replacedParked").asInt()).isEqualTo(1);
            assertThat(replay.body().path("queued").asInt()).isEqualTo(1);
            await("delivered after replay").atMost(Duration.ofSeconds(15))
                    .until(() -> receiver.acknowledged().size() == 3);
            assertThat(receiver.acknowledged().get(2).webhookId()).isEqualTo(stuck.path("webhookMessageId").asText());
            assertThat(deliveries(webhook.webhookId(), "").path("parked").asLong()).isZero();
            delete(webhook);
        }
    }

    @Test
    @Order(4)
    void aReplaySendsTheEventsFromAPositionAgainUnderTheirWebhookIds() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            long before = head();
            Webhook webhook = register(receiver.url(), null);
            String booking = bookOne(api.createClass(5, Map.of()));
            assertThat(api.post(Api.OWNER, "/bookings/" + booking + "/cancel", Map.of()).status()).isEqualTo(200);
            List<JsonNode> expected = eventsAfter(before);
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.acknowledged().size() == expected.size());
            Map<Long, String> firstIds = receiver.acknowledged().stream()
                    .collect(Collectors.toMap(Call::position, Call::webhookId));

            long from = expected.get(2).path("position").asLong();
            Api.Response replay = api.post(Api.OWNER, "/webhooks/" + webhook.webhookId() + "/replay",
                    Map.of("fromPosition", from));
            assertThat(replay.status()).isEqualTo(202);
            assertThat(replay.body().path("queued").asInt()).isEqualTo(expected.size() - 2);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> receiver.acknowledged().size() == 2 * expected.size() - 2);
            List<Call> again = receiver.acknowledged().subList(expected.size(), 2 * expected.size() - 2);
            assertThat(again).extracting(Call::position)
                    .containsExactlyInAnyOrderElementsOf(expected.subList(2, expected.size()).stream()
                            .map(e -> e.path("position").asLong()).toList());
            assertThat(again).allMatch(c -> c.webhookId().equals(firstIds.get(c.position())));
            // in order within the first pass, and within the replay
            assertSignedAndOrdered(receiver, webhook, receiver.acknowledged().subList(0, expected.size()));
            assertSignedAndOrdered(receiver, webhook, again);

            // a replay may start before the webhook existed: position 1 is the store's first event
            Api.Response fromStart = api.post(Api.OWNER, "/webhooks/" + webhook.webhookId() + "/replay",
                    Map.of("fromPosition", 0));
            assertThat(fromStart.body().path("queued").asInt()).isEqualTo(eventsAfter(0).size());

            Api.Response missing = api.post(Api.OWNER, "/webhooks/" + webhook.webhookId() + "/replay", Map.of());
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.text("field")).isEqualTo("fromPosition");
            assertThat(api.post(Api.OWNER, "/webhooks/" + webhook.webhookId() + "/replay",
                    Map.of("fromPosition", -1)).status()).isEqualTo(400);
            delete(webhook);
        }
    }

    @Test
    @Order(5)
    void receiversThatNeverAnswerDoNotSlowCommands() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(3_000)) {
            receiver.otherwise(Answer.TOO_SLOW);
            Api.ClassFixture session = api.createClass(40, Map.of());
            long[] quiet = commandMillis(session, 10);
            // more webhooks than sender threads, each call held until its timeout: every sender is busy
            List<Webhook> webhooks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                webhooks.add(register(receiver.url(), null));
            }
            bookOne(session);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls().size() >= 4);
            long[] busy = commandMillis(session, 10);
            System.out.printf("[webhooks] booking commands, median / max ms: %d / %d with no webhook, %d / %d with 8"
                    + " webhooks whose receiver never answers in time%n", quiet[0], quiet[1], busy[0], busy[1]);
            assertThat(busy[1]).isLessThan(1_000);
            webhooks.forEach(WebhookTest::delete);
        }
    }

    /** Median and maximum time of {@code count} bookings, in milliseconds. */
    static long[] commandMillis(Api.ClassFixture session, int count) {
        long[] millis = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            bookOne(session);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        java.util.Arrays.sort(millis);
        return new long[] {millis[count / 2], millis[count - 1]};
    }

    @Test
    @Order(6)
    void deliveriesQueuedBeforeARestartAreSentAfterItUnderTheSameWebhookIds() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            receiver.otherwise(Answer.FAIL_500);
            long before = head();
            Webhook webhook = register(receiver.url(), null);
            String booking = bookOne(api.createClass(5, Map.of()));
            await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.calls().isEmpty());
            engine.close();
            int failedBefore = receiver.calls().size();

            receiver.otherwise(Answer.OK);
            engine = Nodes.start(settings());
            api = Nodes.api(engine);
            assertThat(api.post(Api.OWNER, "/bookings/" + booking + "/cancel", Map.of()).status()).isEqualTo(200);
            List<JsonNode> expected = eventsAfter(before);
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.acknowledged().stream().map(Call::position)
                    .collect(Collectors.toSet()).containsAll(positions(expected)));
            Thread.sleep(500);
            assertThat(receiver.acknowledged()).hasSize(expected.size());
            Call firstFailure = receiver.calls().get(0);
            assertThat(failedBefore).isPositive();
            assertThat(receiver.acknowledged()).filteredOn(c -> c.position() == firstFailure.position())
                    .singleElement().extracting(Call::webhookId).isEqualTo(firstFailure.webhookId());
            assertSignedAndOrdered(receiver, webhook);
            delete(webhook);
        }
    }
}

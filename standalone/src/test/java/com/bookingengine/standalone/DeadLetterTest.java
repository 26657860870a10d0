package com.bookingengine.standalone;

import com.bookingengine.api.booking.BookingCanceledEvent;
import com.bookingengine.api.booking.BookingCreatedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection handler that fails parks the event (and every later event of the same booking) in the dead-letter
 * queue, goes on with the other bookings, and an operator retries the parked events once the cause is fixed. A
 * processing group without a dead-letter queue keeps the engine's rule instead: the failure propagates and the same
 * event is retried, never skipped.
 */
class DeadLetterTest {

    private static final String DB = "jdbc:h2:mem:dead-letters-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static ConfigurableApplicationContext node;
    private static Api api;
    private static FlakyProjection flaky;
    private static StrictProjection strict;

    @BeforeAll
    static void start() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        node = new SpringApplicationBuilder(StandaloneApplication.class)
                // Test-only projections, in this engine only (not @Components: the engine scans this package).
                .initializers(context -> {
                    ((GenericApplicationContext) context).registerBean(FlakyProjection.class, FlakyProjection::new);
                    ((GenericApplicationContext) context).registerBean(StrictProjection.class, StrictProjection::new);
                })
                .run("--server.port=0", "--spring.datasource.url=" + DB,
                        "--axon.eventhandling.processors.flaky.mode=pooled",
                        "--axon.eventhandling.processors.flaky.dlq.enabled=true");
        api = Nodes.api(node);
        flaky = node.getBean(FlakyProjection.class);
        strict = node.getBean(StrictProjection.class);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aFailingEventIsParkedWithItsBookingsLaterEventsWhileOtherBookingsGoOnAndARetryAppliesThem() {
        Api.ClassFixture session = api.createClass(5, Map.of());
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        flaky.broken.add(first);

        // when two bookings are made and the projection fails on the first one
        book(session, first);
        book(session, second);

        // then the second booking is processed while the first is parked
        await("the second booking processed").atMost(PATIENCE).until(() -> flaky.applied.contains("created " + second));
        assertThat(flaky.applied).doesNotContain("created " + first);
        JsonNode parked = awaitDeadLetters(1, 1);
        assertThat(parked.path("first")).hasSize(1);
        JsonNode letter = parked.path("first").get(0);
        assertThat(letter.path("aggregateId").asText()).isEqualTo(first);
        assertThat(letter.path("sequence").asText()).isEqualTo(first);
        assertThat(letter.path("type").asText()).isEqualTo(BookingCreatedEvent.class.getName());
        assertThat(letter.path("causeMessage").asText()).contains("projection bug for " + first);
        assertThat(processor("flaky").path("deadLetters").asLong()).isEqualTo(1);
        assertThat(processor("flaky").path("error").asBoolean()).isFalse();
        // and the engine's own read model is unaffected
        assertThat(api.get(Api.OWNER, "/bookings/" + first).text("status")).isEqualTo("CONFIRMED");

        // and a later event of the parked booking waits behind it, in order
        assertThat(api.post(Api.OWNER, "/bookings/" + first + "/cancel", Map.of()).status()).isEqualTo(200);
        awaitDeadLetters(1, 2);
        assertThat(flaky.applied).doesNotContain("canceled " + first);

        // when a retry is asked for while the cause is not fixed, everything stays parked
        JsonNode stillBroken = retry();
        assertThat(stillBroken.path("retried").asInt()).isZero();
        assertThat(stillBroken.path("failed").asInt()).isEqualTo(1);
        assertThat(stillBroken.path("remaining").asLong()).isEqualTo(1);
        awaitDeadLetters(1, 2);

        // when the cause is fixed and the operator retries
        flaky.broken.remove(first);
        JsonNode retried = retry();

        // then the parked events are applied, in their original order, and the queue is empty
        assertThat(retried.path("retried").asInt()).isEqualTo(1);
        assertThat(retried.path("remaining").asLong()).isZero();
        awaitDeadLetters(0, 0);
        assertThat(processor("flaky").path("deadLetters").asLong()).isZero();
        assertThat(flaky.applied).containsSubsequence("created " + first, "canceled " + first);
        assertThat(flaky.applied).contains("created " + second);
        assertThat(flaky.attempts.get(first).get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aReplayEmptiesTheQueueAndAppliesTheParkedEventsAgainInOrder() {
        Api.ClassFixture session = api.createClass(5, Map.of());
        String parked = UUID.randomUUID().toString();
        flaky.broken.add(parked);
        book(session, parked);
        assertThat(api.post(Api.OWNER, "/bookings/" + parked + "/cancel", Map.of()).status()).isEqualTo(200);
        awaitDeadLetters(1, 2);

        // when the cause is fixed and the projection is rebuilt instead of retried
        flaky.broken.remove(parked);
        assertThat(api.post(Api.OPERATOR, "/admin/processors/flaky/replay", null).status()).isEqualTo(202);

        // then nothing stays parked and the rebuilt projection has the booking's events, in order
        await("flaky rebuilt").atMost(PATIENCE).until(() -> {
            JsonNode status = processor("flaky");
            return status.path("running").asBoolean() && !status.path("replaying").asBoolean()
                    && status.path("lag").asLong(-1) == 0;
        });
        awaitDeadLetters(0, 0);
        assertThat(flaky.applied).containsSubsequence("created " + parked, "canceled " + parked);
    }

    @Test
    void withoutADeadLetterQueueAFailingEventIsRetriedAndNothingAfterItIsSkipped() {
        EventProcessingConfiguration processing = node.getBean(EventProcessingConfiguration.class);
        assertThat(processing.deadLetterQueue("strict")).isEmpty();
        assertThat(processing.listenerInvocationErrorHandler("strict")).isInstanceOf(PropagatingErrorHandler.class);
        Api.ClassFixture session = api.createClass(5, Map.of());
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        strict.failuresLeft.put(first, new AtomicInteger(1));

        book(session, first);
        book(session, second);

        // the failing event is handled again until it succeeds, and the next booking only after it
        await("both bookings handled by the strict projection").atMost(PATIENCE)
                .until(() -> strict.applied.contains(second));
        assertThat(strict.applied).containsSubsequence(first, second);
        assertThat(strict.failuresLeft.get(first).get()).isZero();
        problem(api.get(Api.OPERATOR, "/admin/processors/strict/dead-letters"), 404);
    }

    @Test
    void theProjectionsOfTheEngineHaveADeadLetterQueue() {
        for (String projection : List.of("bookings", "catalogue", "availability", "checkout")) {
            JsonNode status = processor(projection);
            assertThat(status.path("deadLetterQueue").asBoolean()).as(projection).isTrue();
            JsonNode letters = api.get(Api.OPERATOR, "/admin/processors/" + projection + "/dead-letters").body();
            assertThat(letters.path("sequences").asLong()).as(projection).isZero();
            assertThat(letters.path("letters").asLong()).as(projection).isZero();
        }
        // and they still run on tracking processors, as configured (declaring the DLQ does not change that)
        EventProcessingConfiguration processing = node.getBean(EventProcessingConfiguration.class);
        for (String projection : List.of("bookings", "catalogue", "availability", "checkout")) {
            assertThat(processing.eventProcessor(projection).orElseThrow())
                    .as(projection).isInstanceOf(org.axonframework.eventhandling.TrackingEventProcessor.class);
        }
    }

    @Test
    void onlyOperatorsMaySeeOrRetryDeadLetters() {
        problem(api.get(Api.OWNER, "/admin/processors/flaky/dead-letters"), 403);
        problem(api.post(Api.AUDITOR, "/admin/processors/flaky/dead-letters/retry", null), 403);
    }

    private static void book(Api.ClassFixture session, String bookingId) {
        Map<String, Object> body = Api.booking(session, "IN_PERSON");
        body.put("bookingId", bookingId);
        Api.Response created = api.post(Api.BOOKER, "/bookings", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private static JsonNode awaitDeadLetters(long sequences, long letters) {
        Supplier<JsonNode> read = () -> {
            Api.Response response = api.get(Api.OPERATOR, "/admin/processors/flaky/dead-letters");
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            return response.body();
        };
        await("dead letters: " + sequences + " sequences, " + letters + " letters").atMost(PATIENCE)
                .until(() -> {
                    JsonNode body = read.get();
                    return body.path("sequences").asLong() == sequences && body.path("letters").asLong() == letters;
                });
        return read.get();
    }

    private static JsonNode retry() {
        Api.Response response = api.post(Api.OPERATOR, "/admin/processors/flaky/dead-letters/retry", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode processor(String name) {
        Api.Response response = api.get(Api.OPERATOR, "/admin/processors/" + name);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static void problem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
    }

    /** A projection with a bug for the bookings in {@link #broken}; dead-lettered (see the properties above). */
    @ProcessingGroup("flaky")
    static class FlakyProjection {

        final Set<String> broken = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final List<String> applied = Collections.synchronizedList(new ArrayList<>());

        @EventHandler
        void on(BookingCreatedEvent event) {
            handle(event.bookingId(), "created ");
        }

        @EventHandler
        void on(BookingCanceledEvent event) {
            handle(event.bookingId(), "canceled ");
        }

        private void handle(String bookingId, String what) {
            attempts.computeIfAbsent(bookingId, id -> new AtomicInteger()).incrementAndGet();
            if (broken.contains(bookingId)) {
                throw new IllegalStateException("projection bug for " + bookingId);
            }
            applied.add(what + bookingId);
        }

        @ResetHandler
        void reset() {
            applied.clear();
        }
    }

    /** Fails a given number of times per booking; no dead-letter queue, so the engine's error rule applies. */
    @ProcessingGroup("strict")
    static class StrictProjection {

        final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
        final List<String> applied = Collections.synchronizedList(new ArrayList<>());

        @EventHandler
        void on(BookingCreatedEvent event) {
            AtomicInteger left = failuresLeft.get(event.bookingId());
            if (left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("transient failure for " + event.bookingId());
            }
            applied.add(event.bookingId());
        }
    }
}

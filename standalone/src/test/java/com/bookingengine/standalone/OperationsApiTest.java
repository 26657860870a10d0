package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.bookingengine.standalone.Checks.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SPEC §8 on a started engine over HTTP: health with liveness and readiness groups for anyone, readiness that follows
 * the database, this node's event processors and (where there is one) the Axon Server connection, and Prometheus
 * metrics with Axon's meters for operators only.
 */
class OperationsApiTest {

    private static final List<String> PROJECTIONS = List.of("availability", "bookings", "catalogue", "checkout");

    private static ConfigurableApplicationContext node;
    private static Api api;
    private static RawHttp raw;
    private static StandInAxonServer axonServer;

    @BeforeAll
    static void start() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        node = new SpringApplicationBuilder(StandaloneApplication.class)
                // The embedded engine has no Axon Server; this stands in for the indicator Axon's connector contributes
                // under the same name when it is enabled, to show that readiness counts it where it exists.
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean("axonServerHealthIndicator", StandInAxonServer.class, StandInAxonServer::new))
                .run("--server.port=0",
                        "--spring.datasource.url=jdbc:h2:mem:operations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        api = Nodes.api(node);
        raw = new RawHttp(node);
        axonServer = node.getBean(StandInAxonServer.class);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void healthAndBothProbesAreUpWithoutAKeyAndNameTheirMembers() {
        // when anyone asks, without a key
        JsonNode health = up(get(null, "/actuator/health"));
        JsonNode liveness = up(get(null, "/actuator/health/liveness"));
        JsonNode readiness = up(get(null, "/actuator/health/readiness"));

        // then readiness waits for the context, the database, the processors and Axon Server; liveness for none
        assertThat(names(readiness.path("components")))
                .containsExactlyInAnyOrder("readinessState", "db", "eventProcessors", "axonServer");
        assertThat(names(liveness.path("components"))).containsExactly("livenessState");
        assertThat(names(health.path("components"))).contains("db", "eventProcessors", "diskSpace");
        // and each member says UP, but an anonymous caller sees no details
        readiness.path("components").forEach(member -> {
            assertThat(member.path("status").asText()).isEqualTo("UP");
            assertThat(member.has("details")).as(member.toString()).isFalse();
        });
    }

    @Test
    void onlyAnOperatorSeesHealthDetails() {
        // when an operator asks, then the database and every projection's processor are described
        JsonNode components = up(get(Api.OPERATOR, "/actuator/health/readiness")).path("components");
        assertThat(components.path("db").path("details").path("database").asText()).isEqualTo("H2");
        JsonNode processors = components.path("eventProcessors").path("details");
        // the projections, and the webhooks processor that writes the webhook outbox
        assertThat(names(processors)).containsExactlyElementsOf(
                java.util.stream.Stream.concat(PROJECTIONS.stream(), java.util.stream.Stream.of("webhooks")).toList());
        processors.forEach(state -> assertThat(state.asText()).isEqualTo("running"));

        // when a key of another role asks, then the same answer without details
        JsonNode forBooker = up(get(Api.BOOKER, "/actuator/health/readiness")).path("components");
        assertThat(forBooker.path("eventProcessors").has("details")).isFalse();
    }

    @Test
    void aStoppedProcessorTakesTheNodeOutOfRotationUntilItRunsAgain() {
        // given the availability projection's processor is stopped on this node
        StreamingEventProcessor availability = node.getBean(EventProcessingConfiguration.class)
                .eventProcessor("availability", StreamingEventProcessor.class).orElseThrow();
        availability.shutDown();
        try {
            // then the node is not ready (503), says why, and is still alive
            HttpResponse<String> readiness = get(Api.OPERATOR, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
            JsonNode body = RawHttp.json(readiness);
            assertThat(body.path("status").asText()).isEqualTo("DOWN");
            JsonNode processors = body.path("components").path("eventProcessors");
            assertThat(processors.path("status").asText()).isEqualTo("DOWN");
            assertThat(processors.path("details").path("availability").asText()).isEqualTo("stopped");
            assertThat(processors.path("details").path("bookings").asText()).isEqualTo("running");
            assertThat(body.path("components").path("db").path("status").asText()).isEqualTo("UP");
            up(get(null, "/actuator/health/liveness"));
            // and this node, holding none of its segments now, does not claim to know its lag
            assertThat(lag("availability")).isNaN();
        } finally {
            // when it is started again
            availability.start();
        }
        // then the node is ready again
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> up(get(null, "/actuator/health/readiness")));
    }

    @Test
    void aLostAxonServerConnectionTakesTheNodeOutOfRotation() {
        // given Axon's connector reports the connection down
        axonServer.health = Health.down().withDetail("default", "disconnected").build();
        try {
            // then the node is not ready, and still alive
            HttpResponse<String> readiness = get(null, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
            assertThat(RawHttp.json(readiness).path("components").path("axonServer").path("status").asText())
                    .isEqualTo("DOWN");
            up(get(null, "/actuator/health/liveness"));
        } finally {
            axonServer.health = Health.up().build();
        }
        up(get(null, "/actuator/health/readiness"));
    }

    @Test
    void prometheusNeedsAnOperatorKey() {
        // without a key: 401; with a key of any other role: 403; both problem+json
        problem(get(null, "/actuator/prometheus"), 401);
        problem(get("not-a-key", "/actuator/prometheus"), 401);
        for (String key : List.of(Api.BOOKER, Api.PAYMENTS, Api.OWNER, Api.AUDITOR)) {
            problem(get(key, "/actuator/prometheus"), 403);
        }
        // and the operator scrapes it
        HttpResponse<String> scrape = get(Api.OPERATOR, "/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }

    @Test
    void theRestOfTheActuatorIsForOperatorsOnly() {
        for (String path : List.of("/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/info",
                "/actuator")) {
            problem(get(null, path), 401);
            problem(get(Api.BOOKER, path), 403);
            problem(get(Api.PAYMENTS, path), 403);
            assertThat(get(Api.OPERATOR, path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void prometheusCarriesAxonsCommandAndProcessorMetricsTaggedByName() {
        // given a command went through the command bus and its events through the projections
        Api.ClassFixture session = api.createClass(2, Map.of());
        ok(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")), 201);

        // when the operator scrapes the metrics
        String metrics = get(Api.OPERATOR, "/actuator/prometheus").body();

        // then the command bus counts and times each command type
        assertThat(metrics).containsPattern(
                "(?m)^commandBus_successCounter_total\\{.*payloadType=\"CreateBookingCommand\".*} [1-9]");
        assertThat(metrics).containsPattern(
                "(?m)^commandBus_allTimer_seconds_count\\{.*payloadType=\"CreateServiceCommand\".*} [1-9]");
        // the two README names for operators: command latency and failures, per command type
        assertThat(metrics).containsPattern(
                "(?m)^commandBus_successTimer_seconds_count\\{.*payloadType=\"CreateBookingCommand\".*} [1-9]");
        assertThat(metrics).containsPattern(
                "(?m)^commandBus_failureCounter_total\\{.*payloadType=\"CreateBookingCommand\".*} ");
        // and not Axon's capacity gauge, which nobody watches and which cost every command a gauge lookup
        assertThat(metrics).doesNotContain("commandBus_capacity");
        // and each projection's processor reports its latency and what it handled, tagged with its name
        for (String processor : PROJECTIONS) {
            assertThat(metrics).containsPattern(
                    "(?m)^eventProcessor_latency\\{.*processorName=\"" + processor + "\".*} ");
            assertThat(metrics).containsPattern(
                    "(?m)^booking_processor_lag_events\\{.*processorName=\"" + processor + "\".*} ");
        }
        assertThat(metrics).containsPattern(
                "(?m)^eventProcessor_successCounter_total\\{.*payloadType=\"BookingCreatedEvent\".*processorName=\"bookings\".*} [1-9]");
        // and every series names the application it comes from
        assertThat(metrics).containsPattern("(?m)^eventProcessor_latency\\{.*application=\"booking-engine\"");
    }

    @Test
    void everyRequestIsTimedAsHttpServerRequestsByUriMethodAndStatus() {
        // given a booking was created over HTTP
        Api.ClassFixture session = api.createClass(2, Map.of());
        ok(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")), 201);

        // when the operator scrapes the metrics
        String metrics = get(Api.OPERATOR, "/actuator/prometheus").body();

        // then the request is counted and timed under its route, method and status
        assertThat(metrics).containsPattern("(?m)^http_server_requests_seconds_count\\{(?=.*method=\"POST\")"
                + "(?=.*status=\"201\")(?=.*uri=\"/api/v1/bookings\").*} [1-9]");
        assertThat(metrics).containsPattern("(?m)^http_server_requests_seconds_sum\\{.*uri=\"/api/v1/bookings\".*} ");
    }

    @Test
    void processorLagIsZeroOnceEveryProjectionHasHandledTheStore() {
        // given commands stored events
        Api.ClassFixture session = api.createClass(2, Map.of());
        ok(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")), 201);

        // then every projection's processor reports how far behind the store's head it is: nothing, once caught up
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> PROJECTIONS.forEach(p -> assertThat(lag(p)).as(p).isZero()));
    }

    private static double lag(String processor) {
        String metrics = get(Api.OPERATOR, "/actuator/prometheus").body();
        return metrics.lines()
                .filter(line -> line.startsWith("booking_processor_lag_events{")
                        && line.contains("processorName=\"" + processor + "\""))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(Double.NaN);
    }

    private static HttpResponse<String> get(String key, String path) {
        var request = raw.request(path).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return raw.send(request);
    }

    private static JsonNode up(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = RawHttp.json(response);
        assertThat(body.path("status").asText()).isEqualTo("UP");
        return body;
    }

    private static void problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(RawHttp.json(response).path("status").asInt()).isEqualTo(status);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Answers what a test sets, as Axon's Axon Server indicator would answer for its connection. */
    static class StandInAxonServer implements HealthIndicator {

        volatile Health health = Health.up().build();

        @Override
        public Health health() {
            return health;
        }
    }
}

package com.bookingengine.standalone;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The axonserver profile: events, commands and queries through Axon Server, read models, tokens and deadlines in
 * PostgreSQL. Without an answering Axon Server a node starts, stays up, says so and reports itself not ready; with
 * one (an Axon Server SE jar named by {@code AXONSERVER_JAR}; CI has none, so that part is skipped there) two nodes
 * race for the last seats through it; a live stream, a reconnect with {@code Last-Event-ID}, signed webhook calls and
 * {@code X-Min-Position} across the nodes work on its event store; and everything survives its restart.
 */
class AxonServerProfileTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void withoutAnAnsweringAxonServerANodeStaysUpAndIsNotReady() throws Exception {
        String url = Postgres.createDatabase("standalone_as");
        try (ConfigurableApplicationContext node = Nodes.start(axonServerProfile(url, "127.0.0.1:" + freePort(), "a"))) {
            int port = port(node);
            assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
            assertThat(status(port, "/actuator/health/readiness")).isEqualTo(503);
            // no crash loop: still alive and still answering a while later
            Thread.sleep(5_000);
            assertThat(node.isActive()).isTrue();
            assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
            assertThat(status(port, "/actuator/health/readiness")).isEqualTo(503);
            // a command that cannot reach Axon Server is refused without a write and without a 2xx
            Api api = Nodes.api(node);
            Api.Response refused = api.post(Api.OWNER, "/services", Map.of("name", "Yoga", "type", "CLASS",
                    "timeZone", "Europe/Berlin", "price", Map.of("amount", "20.00", "currency", "EUR"),
                    "paymentOptions", List.of("IN_PERSON")));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(Postgres.count(url, "select count(*) from domain_event_entry")).isZero();
            // a query, and a stream, cannot learn the event store's position either: 503 too, not a 500
            for (String query : List.of("/bookings", "/stream/bookings")) {
                Api.Response unavailable = api.get(Api.OWNER, query);
                assertThat(unavailable.status()).as(query).isEqualTo(503);
                assertThat(unavailable.contentType()).startsWith("application/problem+json");
            }
        } finally {
            Postgres.dropDatabase(url);
        }
    }

    @Test
    void twoNodesRaceThroughAxonServerAndSurviveItsRestart() throws Exception {
        String jar = System.getenv("AXONSERVER_JAR");
        Assumptions.assumeTrue(jar != null && Files.isRegularFile(Path.of(jar)),
                "AXONSERVER_JAR is not set to an Axon Server SE jar: the run against a real Axon Server is skipped "
                        + "(CI has none; see README, 'Axon Server')");
        String url = Postgres.createDatabase("standalone_as");
        Path home = Files.createTempDirectory("axonserver");
        int grpc = freePort();
        int http = freePort();
        Process server = startAxonServer(jar, home, grpc, http);
        ConfigurableApplicationContext a = null;
        ConfigurableApplicationContext b = null;
        SseClient stream = null;
        WebhookReceiver receiver = null;
        try {
            a = Nodes.start(axonServerProfile(url, "127.0.0.1:" + grpc, "a"));
            b = Nodes.start(axonServerProfile(url, "127.0.0.1:" + grpc, "b"));
            Api nodeA = Nodes.api(a);
            Api nodeB = Nodes.api(b);
            assertThat(status(port(a), "/actuator/health/readiness")).isEqualTo(200);

            Api.ClassFixture session = nodeA.createClass(5, Map.of());
            // node B streams the service's bookings; node A's owner has every event posted to a local receiver
            stream = SseClient.open(port(b), Api.OWNER, "/stream/bookings?serviceId=" + session.serviceId());
            assertThat(stream.status).isEqualTo(200);
            receiver = new WebhookReceiver(0);
            Api.Response hook = nodeA.post(Api.OWNER, "/webhooks", Map.of("url", receiver.url()));
            assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
            String secret = hook.text("secret");

            List<Callable<Api.Response>> creates = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Api node = i % 2 == 0 ? nodeA : nodeB;
                creates.add(() -> node.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")));
            }
            List<Api.Response> answers = allAtOnce(creates);
            assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(5);
            assertThat(answers).filteredOn(r -> r.status() == 409).hasSize(35)
                    .allSatisfy(r -> assertThat(r.text("reason")).isIn("capacity", "concurrency"));
            Set<String> booked = answers.stream().filter(r -> r.status() == 201).map(r -> r.text("bookingId"))
                    .collect(Collectors.toSet());

            // the stream on node B shows the 5 bookings, whichever node took them, at rising event positions
            List<SseClient.Event> live = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                SseClient.Event event = stream.next(Duration.ofSeconds(30));
                assertThat(event).as("booking event " + i + " on the stream").isNotNull();
                live.add(event);
            }
            assertThat(live).extracting(e -> e.json().path("bookingId").asText())
                    .containsExactlyInAnyOrderElementsOf(booked);
            assertThat(live).extracting(SseClient.Event::position).isSorted().doesNotHaveDuplicates();
            // a client reconnecting to node A after the first gets exactly the other four
            try (SseClient again = SseClient.open(port(a), Api.OWNER, "/stream/bookings?serviceId="
                    + session.serviceId(), Map.of("Last-Event-ID", live.get(0).id()))) {
                assertThat(again.drain(Duration.ofSeconds(3))).extracting(SseClient.Event::id)
                        .containsExactlyElementsOf(live.subList(1, 5).stream().map(SseClient.Event::id).toList());
            }
            // every stored event reaches the receiver once, signed, whichever node sends it
            awaitCalls(receiver, "BookingCreatedEvent", 5);
            awaitCalls(receiver, "SeatsReservedEvent", 5);
            assertThat(receiver.calls()).allSatisfy(call ->
                    assertThat(WebhookReceiver.signatureValid(secret, call)).as(call.toString()).isTrue());
            assertThat(receiver.calls()).extracting(WebhookReceiver.Call::webhookId).doesNotHaveDuplicates();
            assertThat(receiver.calls()).filteredOn(c -> c.json().path("type").asText().equals("BookingCreatedEvent"))
                    .extracting(c -> c.json().path("aggregateId").asText()).containsExactlyInAnyOrderElementsOf(booked);

            // read your writes across the nodes: the position node A answers, asked of node B
            String first = booked.iterator().next();
            HttpResponse<String> canceled = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + port(a) + "/api/v1/bookings/" + first + "/cancel"))
                    .header("Authorization", "Bearer " + Api.OWNER).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"test\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
            long position = Long.parseLong(canceled.headers().firstValue("X-Event-Position").orElseThrow());
            assertThat(position).isGreaterThanOrEqualTo(live.get(4).position());
            Api.Response read = nodeB.send(Api.OWNER, "GET", "/bookings/" + first, null,
                    Map.of("X-Min-Position", Long.toString(position)));
            assertThat(read.text("status")).isEqualTo("CANCELED");
            SseClient.Event cancel = stream.next(Duration.ofSeconds(30));
            assertThat(cancel.json().path("status").asText()).isEqualTo("CANCELED");
            assertThat(cancel.position()).isLessThanOrEqualTo(position);
            // the events are in Axon Server, not in PostgreSQL; the read models and tokens are in PostgreSQL
            assertThat(Postgres.count(url, "select count(*) from domain_event_entry")).isZero();
            assertThat(Postgres.count(url, "select count(*) from token_entry where token_type like "
                    + "'%GlobalSequenceTrackingToken'")).isGreaterThan(0);
            awaitTotal(nodeB, session.serviceId(), 5);

            // Axon Server goes away: the nodes stay up, not ready; it comes back: they serve again
            server.destroyForcibly().waitFor();
            awaitStatus(port(a), "/actuator/health/readiness", 503);
            assertThat(status(port(a), "/actuator/health/liveness")).isEqualTo(200);
            server = startAxonServer(jar, home, grpc, http);
            awaitStatus(port(a), "/actuator/health/readiness", 200);
            Api.ClassFixture later = nodeB.createClass(1, Map.of());
            assertThat(nodeA.post(Api.BOOKER, "/bookings", Api.booking(later, "IN_PERSON")).status()).isEqualTo(201);
            awaitTotal(nodeA, later.serviceId(), 1);
            // the stream opened before the restart goes on, and so do the webhooks
            String second = booked.stream().filter(id -> !id.equals(first)).findFirst().orElseThrow();
            assertThat(nodeA.post(Api.OWNER, "/bookings/" + second + "/cancel", Map.of("reason", "test")).status())
                    .isEqualTo(200);
            SseClient.Event afterRestart = stream.next(Duration.ofSeconds(30));
            assertThat(afterRestart).as("a change after Axon Server's restart on the stream").isNotNull();
            assertThat(afterRestart.json().path("bookingId").asText()).isEqualTo(second);
            awaitCalls(receiver, "BookingCanceledEvent", 2);
        } finally {
            if (stream != null) {
                stream.close();
            }
            if (receiver != null) {
                receiver.close();
            }
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
            server.destroyForcibly().waitFor();
            Postgres.dropDatabase(url);
        }
    }

    private static Map<String, Object> axonServerProfile(String url, String servers, String nodeId) {
        Map<String, Object> properties = new HashMap<>(Postgres.profile(url));
        properties.put("spring.profiles.active", "axonserver");
        properties.put("axon.axonserver.servers", servers);
        // two nodes in one JVM share a process id: each names itself to Axon Server and in the token store
        properties.put("axon.axonserver.client-id", "node-" + nodeId);
        properties.put("axon.axonserver.component-name", "booking-engine-test");
        properties.put("booking.node-id", "node-" + nodeId);
        properties.put("booking.webhooks.allowed-hosts", "127.0.0.1");
        properties.put("booking.webhooks.poll-interval", "100ms");
        return properties;
    }

    private static Process startAxonServer(String jar, Path home, int grpc, int http) throws Exception {
        Files.writeString(home.resolve("axonserver.properties"), String.join("\n",
                "axoniq.axonserver.name=axonserver-test", "axoniq.axonserver.hostname=localhost",
                "axoniq.axonserver.port=" + grpc, "server.port=" + http,
                "axoniq.axonserver.devmode.enabled=true", "axoniq.axonserver.event.storage=./events",
                "axoniq.axonserver.snapshot.storage=./events", "axoniq.axonserver.controldb-path=./data",
                "axoniq.axonserver.pid-file-location=./data"));
        Process process = new ProcessBuilder("java", "-Xmx512m", "-jar", Path.of(jar).toAbsolutePath().toString())
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("axonserver.log").toFile())).start();
        // about 20 s on an idle machine; 175 s were seen on the shared 2-core machine under load
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (status(http, "/actuator/health") != 200) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("Axon Server did not start; see " + home.resolve("axonserver.log"));
            }
            Thread.sleep(500);
        }
        return process;
    }

    private static void awaitStatus(int port, String path, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (status(port, path) != expected) {
            assertThat(System.nanoTime()).as(path + " never answered " + expected).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static void awaitTotal(Api api, String serviceId, int total) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (api.get(Api.OWNER, "/bookings?serviceId=" + serviceId).body().path("total").asInt() != total) {
            assertThat(System.nanoTime()).as("bookings of " + serviceId + " never reached " + total).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void awaitCalls(WebhookReceiver receiver, String type, int calls) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (receiver.calls().stream().filter(c -> c.json().path("type").asText().equals(type)).count() < calls) {
            assertThat(System.nanoTime()).as(type + " calls never reached " + calls).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static List<Api.Response> allAtOnce(List<Callable<Api.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int port(ConfigurableApplicationContext node) {
        return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static int status(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

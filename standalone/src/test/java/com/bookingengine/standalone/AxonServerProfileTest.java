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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The axonserver profile: events, commands and queries through Axon Server, read models, tokens and deadlines in
 * PostgreSQL. Without an answering Axon Server a node starts, stays up, says so and reports itself not ready; with
 * one (an Axon Server SE jar named by {@code AXONSERVER_JAR}; CI has none, so that part is skipped there) two nodes
 * race for the last seats through it, and survive its restart.
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
        try {
            a = Nodes.start(axonServerProfile(url, "127.0.0.1:" + grpc, "a"));
            b = Nodes.start(axonServerProfile(url, "127.0.0.1:" + grpc, "b"));
            Api nodeA = Nodes.api(a);
            Api nodeB = Nodes.api(b);
            assertThat(status(port(a), "/actuator/health/readiness")).isEqualTo(200);

            Api.ClassFixture session = nodeA.createClass(5, Map.of());
            List<Callable<Api.Response>> creates = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Api node = i % 2 == 0 ? nodeA : nodeB;
                creates.add(() -> node.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")));
            }
            List<Api.Response> answers = allAtOnce(creates);
            assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(5);
            assertThat(answers).filteredOn(r -> r.status() == 409).hasSize(35)
                    .allSatisfy(r -> assertThat(r.text("reason")).isIn("capacity", "concurrency"));
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
        } finally {
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
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (status(http, "/actuator/health") != 200) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
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

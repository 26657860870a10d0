package com.bookingengine.standalone.bench;

import com.bookingengine.platform.BookingEngine;
import com.bookingengine.standalone.StandaloneApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How long a dashboard waits for 30 days of availability of a busy service. Starts the standalone engine on a
 * fresh file-backed store and, for a class and then an appointment service, books 10,000 seats (or appointments)
 * over real HTTP, then times {@code GET /availability} for 30 days and, for scale, for 1 day. Prints the figures
 * and writes each service's section of docs/BENCHMARKS.md. The first argument picks {@code class},
 * {@code appointment} or {@code all} (the default); the second the report's path.
 *
 * <p>Run: see docs/BENCHMARKS.md.
 */
public final class AvailabilityBenchmark {

    private static final int DAYS = 30;
    private static final int SESSIONS_PER_DAY = 10;
    private static final int CAPACITY = 40;
    private static final int BOOKINGS = 10_000;
    static final int WARMUP = 100;
    static final int SAMPLES = 500;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AvailabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BookingEngine.disableUpdateChecker();
        String scenario = args.length > 0 ? args[0] : "all";
        Path data = Files.createTempDirectory("booking-bench");
        Path report = Path.of(args.length > 1 ? args[1] : "docs/BENCHMARKS.md");
        try (ConfigurableApplicationContext engine = new SpringApplicationBuilder(StandaloneApplication.class)
                .run("--server.port=0", "--booking.data-dir=" + data, "--logging.level.root=WARN")) {
            String base = "http://127.0.0.1:" + engine.getEnvironment().getProperty("local.server.port") + "/api/v1";
            if (scenario.equals("class") || scenario.equals("all")) {
                classScenario(base, report);
            }
            if (scenario.equals("appointment") || scenario.equals("all")) {
                AppointmentBenchmark.run(base, report);
            }
        } finally {
            deleteRecursively(data);
        }
    }

    private static void classScenario(String base, Path report) throws Exception {
        Instant firstDay = LocalDate.now(ZoneOffset.UTC).plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> sessions = seedService(base, firstDay);
        long seedStart = System.nanoTime();
        seedBookings(base, sessions);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

        String query = base + "/availability?serviceId=bench&from=" + firstDay;
        String month = query + "&to=" + firstDay.plus(DAYS, ChronoUnit.DAYS);
        String day = query + "&to=" + firstDay.plus(1, ChronoUnit.DAYS);
        int slots = get(month).path("slots").size();
        long taken = 0;
        for (JsonNode slot : get(month).path("slots")) {
            taken += slot.path("totalSpots").asLong() - slot.path("openSpots").asLong();
        }
        if (slots != DAYS * SESSIONS_PER_DAY || taken != BOOKINGS) {
            throw new IllegalStateException("seeding went wrong: " + slots + " slots, " + taken + " seats taken");
        }
        double[] monthMs = time(month);
        double[] dayMs = time(day);
        String figures = report(monthMs, dayMs, slots, seedSeconds);
        System.out.println(figures);
        write(report, "availability-benchmark", figures);
    }

    private static List<String> seedService(String base, Instant firstDay) throws Exception {
        List<Map<String, Object>> sessions = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            for (int s = 0; s < SESSIONS_PER_DAY; s++) {
                Instant start = firstDay.plus(d, ChronoUnit.DAYS).plus(8 + s, ChronoUnit.HOURS);
                String id = "bench-" + d + "-" + s;
                ids.add(id);
                sessions.add(Map.of("sessionId", id, "start", start.toString(),
                        "end", start.plus(50, ChronoUnit.MINUTES).toString()));
            }
        }
        post(base + "/services", "dev-owner", Map.of("serviceId", "bench", "name", "Benchmark class", "type", "CLASS",
                "timeZone", "UTC", "price", Map.of("amount", "10.00", "currency", "EUR"),
                "paymentOptions", List.of("IN_PERSON"), "capacity", CAPACITY, "sessions", sessions));
        return ids;
    }

    /** 10,000 bookings spread over the sessions, from 4 concurrent clients, each a real create request. */
    private static void seedBookings(String base, List<String> sessions) throws Exception {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            bodies.add(Map.of("serviceId", "bench", "sessionId", sessions.get(i % sessions.size())));
        }
        book(base, bodies);
    }

    /** Creates one booking per body (each given an id, a contact and in-person payment) from 4 concurrent clients. */
    static void book(String base, List<Map<String, Object>> bodies) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (Map<String, Object> what : bodies) {
            Map<String, Object> body = new java.util.HashMap<>(what);
            body.put("bookingId", UUID.randomUUID().toString());
            body.put("contact", Map.of("firstName", "Bench", "lastName", "Mark", "email", "bench@example.com"));
            body.put("payment", Map.of("option", "IN_PERSON"));
            done.add(clients.submit(() -> post(base + "/bookings", "dev-booker", body)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
    }

    /** Sorted latencies in milliseconds of {@value #SAMPLES} GETs of {@code url}, after {@value #WARMUP} warm-ups. */
    static double[] time(String url) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            get(url);
        }
        double[] ms = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long t = System.nanoTime();
            get(url);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** When and where the figures were measured, and the command that measures them again. */
    static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long memGiB = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() >> 30;
        return String.format("""
                Measured %s on %d cores (%s), %d GiB, Java %s; embedded H2 file store.
                Command: `mvn -B -q install -DskipTests && mvn -B -q -pl standalone test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test -Dexec.mainClass=com.bookingengine.standalone.bench.AvailabilityBenchmark` (both services in one run; `-Dexec.args=class` or `appointment` for one)""",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(), cpu,
                memGiB, System.getProperty("java.version"));
    }

    private static String report(double[] month, double[] day, int slots, double seedSeconds) throws IOException {
        return String.format("""
                ## Availability: 30 days of a class with 10,000 bookings

                %s

                A CLASS service with %d sessions over %d days (capacity %d), %,d bookings made through `POST /bookings`
                (4 concurrent clients, %.1f s including read-your-writes waits). Then `GET /availability` over real
                HTTP from one client: %d warm-up requests, %d timed, per window.

                | window | slots | median | p90 | p99 | max |
                | --- | --- | --- | --- | --- | --- |
                | 30 days | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |
                | 1 day | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |

                Ratio of medians, 30 days / 1 day: %.1f×. The answer is read from the availability projection (one
                indexed range query over session rows), never by replaying events.
                """, machine(), slots, DAYS, CAPACITY, BOOKINGS, seedSeconds, WARMUP,
                SAMPLES, slots, pct(month, 0.5), pct(month, 0.9), pct(month, 0.99), month[month.length - 1],
                SESSIONS_PER_DAY, pct(day, 0.5), pct(day, 0.9), pct(day, 0.99), day[day.length - 1],
                pct(month, 0.5) / pct(day, 0.5));
    }

    /** Replaces the report's section {@code name}, keeping the others. */
    static void write(Path report, String name, String figures) throws IOException {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        String section = begin + "\n" + figures + end;
        String current = Files.exists(report) ? Files.readString(report) : "# Benchmarks\n";
        int from = current.indexOf(begin);
        int to = current.indexOf(end);
        String updated = from >= 0 && to > from
                ? current.substring(0, from) + section + current.substring(to + end.length())
                : current.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(report, updated);
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer dev-owner").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static Void post(String url, String key, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        return null;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }
}

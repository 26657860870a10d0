package com.bookingengine.systest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One engine node as a real OS process: {@code java -jar} of a side's runnable jar on the {@code postgres} profile,
 * its output in {@code target/nodes/<name>-<n>.log} (n counts its starts), killed with SIGKILL and restarted on the
 * same port.
 */
final class Node {

    enum Side {
        COMMAND("command-side", "booking-command-side.jar", 6),
        /** Eight processor threads (four projections, two segments each) may each want a connection at once. */
        QUERY("query-side", "booking-query-side.jar", 8);

        final String module;
        final String jarName;
        final int poolSize;

        Side(String module, String jarName, int poolSize) {
            this.module = module;
            this.jarName = jarName;
            this.poolSize = poolSize;
        }

        /** The packaged jar, relative to this module; a clear failure when it has not been built. */
        Path jar() {
            Path jar = Paths.get("..", module, "target", jarName).toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("Missing " + jar + ": the system tests run the packaged jars. Build "
                        + "them first from the repository root: mvn -B -q package -DskipTests (or run the whole "
                        + "reactor: mvn -B verify)");
            }
            return jar;
        }
    }

    /** JVM options of every node. C1 only: on 2 shared cores a node is up in about half the time (see README). */
    static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1",
            "-Daxoniq.update-checker.disabled=true");

    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("systest.startTimeoutSeconds", 120));

    private static final Path LOG_DIR = Paths.get("target", "nodes").toAbsolutePath();
    private static final HttpClient HEALTH = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** Every process any node started and that may still run: the shutdown hook kills what is left. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "systest-node-reaper"));
    }

    final String name;
    final Side side;
    final int port;
    private final String datasourceUrl;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path jar;
    private volatile Process process;
    private int starts;
    private Path log;

    Node(String name, Side side, String datasourceUrl, Map<String, String> environment) {
        this(name, side, datasourceUrl, environment, JVM_OPTIONS, null);
    }

    /** A node started with {@code jvmOptions} from {@code jar} (null: the side's packaged jar) instead. */
    Node(String name, Side side, String datasourceUrl, Map<String, String> environment, List<String> jvmOptions,
         Path jar) {
        this.name = name;
        this.side = side;
        this.port = freePort();
        this.datasourceUrl = datasourceUrl;
        this.environment = environment;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.jar = jar;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    /** Starts the process (does not wait for it to be healthy). */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        try {
            Files.createDirectories(LOG_DIR);
            log = LOG_DIR.resolve(name + "-" + starts + ".log");
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", (jar == null ? side.jar() : jar).toString(),
                    "--spring.profiles.active=postgres",
                    "--server.port=" + port,
                    "--spring.datasource.url=" + datasourceUrl,
                    "--spring.datasource.username=" + Postgres.USER,
                    // The PostgreSQL server is shared (max_connections 100 by default): small pools, few idle.
                    "--spring.datasource.hikari.maximum-pool-size=" + side.poolSize,
                    "--spring.datasource.hikari.minimum-idle=2"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // The API keys come from the environment only: the relaxed-binding path SPEC §6 promises.
            builder.environment().putAll(environment);
            process = builder.start();
            LIVE.add(process);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + name, e);
        }
    }

    /** Waits until {@code /actuator/health} answers 200; fails with the log's tail if the node dies or is too slow. */
    void awaitHealthy() {
        long started = System.nanoTime();
        long deadline = started + START_TIMEOUT.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        while (true) {
            Process current = process;
            if (current == null || !current.isAlive()) {
                throw new AssertionError(name + " exited (" + (current == null ? "never started"
                        : "exit code " + current.exitValue()) + ") before it was healthy; " + log + " ends:\n"
                        + logTail(60));
            }
            try {
                HttpResponse<String> response = HEALTH.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    System.out.printf("[systest] %s (pid %d, port %d) healthy after %.1f s%n", name, pid(), port,
                            (System.nanoTime() - started) / 1e9);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " not healthy within " + START_TIMEOUT.toSeconds() + " s (raise with "
                        + "-Dsystest.startTimeoutSeconds=N); " + log + " ends:\n" + logTail(60));
            }
            sleep(250);
        }
    }

    /**
     * kill -9: {@link Process#destroyForcibly()} sends SIGKILL on Linux. Checked here: a JVM killed by SIGKILL exits
     * with 128 + 9 = 137 and runs no shutdown hook, where SIGTERM (143) would let it shut down gracefully.
     */
    void kill9() {
        Process current = process;
        current.destroyForcibly();
        int exit = waitFor(current, 20);
        LIVE.remove(current);
        if (exit != 137) {
            throw new AssertionError(name + " should have died of SIGKILL (exit 137) but exited " + exit);
        }
        System.out.printf("[systest] %s (pid %d) killed with SIGKILL%n", name, current.pid());
    }

    /** A polite stop: SIGTERM, graceful shutdown (segments released); SIGKILL if it takes longer than 30 s. */
    void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        try {
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                System.out.printf("[systest] %s did not stop within 30 s of SIGTERM: SIGKILL%n", name);
                current.destroyForcibly();
                waitFor(current, 20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
        LIVE.remove(current);
        System.out.printf("[systest] %s (pid %d) stopped, exit %d%n", name, current.pid(), current.exitValue());
    }

    /** Kills without ceremony (cleanup). */
    void destroy() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
            waitFor(current, 20);
            LIVE.remove(current);
        }
    }

    boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    /** How many lines of the current log contain {@code text}. */
    long logLinesContaining(String text) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    /** The last {@code lines} lines of the current log. */
    String logTail(int lines) {
        if (log == null || !Files.exists(log)) {
            return "(no log)";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 24_000);
            file.seek(from);
            byte[] bytes = new byte[(int) (length - from)];
            file.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
            int start = Math.max(0, all.length - lines);
            return String.join("\n", java.util.Arrays.copyOfRange(all, start, all.length));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static int waitFor(Process process, int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("process " + process.pid() + " still alive " + seconds + " s after a kill");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + (isAlive() ? " (pid " + pid() + ", port " + port + ")" : " (down, port " + port + ")");
    }
}

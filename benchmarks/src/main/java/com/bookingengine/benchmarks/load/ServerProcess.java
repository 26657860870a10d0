package com.bookingengine.benchmarks.load;

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
 * One server under test as an OS process of its own (an engine jar, or the CRUD reference app on this module's
 * classpath): started with a fresh port, its output in a log file, waited for until healthy, profiled with JFR
 * through {@code jcmd}, stopped with SIGTERM (SIGKILL after 30 s). A shutdown hook kills whatever is left.
 */
final class ServerProcess {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final HttpClient HEALTH = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "load-benchmark-reaper"));
    }

    final String name;
    final int port;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final String healthPath;
    private Process process;
    /** Seconds from the process start to its first healthy answer. */
    double startSeconds = Double.NaN;
    /** CPU seconds the process had used when it first answered healthy. */
    double startCpuSeconds = Double.NaN;

    private ServerProcess(String name, List<String> command, Map<String, String> environment, Path log, int port,
                          String healthPath) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.log = log;
        this.port = port;
        this.healthPath = healthPath;
    }

    /** {@code java <jvmOptions> -jar <jar> --server.port=<free> <args>}. */
    static ServerProcess jar(String name, Path jar, List<String> jvmOptions, List<String> args,
                             Map<String, String> environment, Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": the load benchmark runs the packaged jars. Build them"
                    + " first from the repository root (mvn -B -q package -DskipTests), or run the benchmark through"
                    + " its Maven profile, which packages them: " + LoadBenchmark.COMMAND);
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-Daxoniq.update-checker.disabled=true");
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        command.addAll(args);
        return new ServerProcess(name, command, environment, logDir.resolve(name + ".log"), port,
                "/actuator/health/readiness");
    }

    /** {@code java <jvmOptions> -cp <classpath> <mainClass> --server.port=<free> <args>}. */
    static ServerProcess main(String name, String classpath, String mainClass, List<String> jvmOptions,
                              List<String> args, Map<String, String> environment, Path logDir) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass, "--server.port=" + port));
        command.addAll(args);
        return new ServerProcess(name, command, environment, logDir.resolve(name + ".log"), port,
                "/actuator/health/readiness");
    }

    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Makes the process start in a session of its own ({@code setsid}, which keeps its pid). Linux's scheduler shares
     * the cores between sessions (autogroups) and, within one, between runnable threads: without this, a server with
     * few busy threads (a query node's processors) gets a sliver of the cores beside one with many (16 request
     * threads), where as a systemd unit or a container of its own it would get a share as a process.
     */
    ServerProcess inOwnSession() {
        if (process != null) {
            throw new IllegalStateException(name + " has started already");
        }
        command.add(0, "setsid");
        return this;
    }

    /** Starts the process and waits until its readiness answers 200 (fails with the log's tail otherwise). */
    ServerProcess start(Duration timeout) {
        launch();
        return awaitHealthy(timeout);
    }

    private long launched;

    /** Starts the process without waiting for it. */
    ServerProcess launch() {
        launched = System.nanoTime();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            LIVE.add(process);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + name, e);
        }
        return this;
    }

    /** Waits until the launched process's readiness answers 200; its start-up time counts from the launch. */
    ServerProcess awaitHealthy(Duration timeout) {
        long started = launched;
        long deadline = started + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + healthPath))
                .timeout(Duration.ofSeconds(3)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited (code " + process.exitValue() + ") before it was"
                        + " healthy; " + log + " ends:\n" + logTail(40));
            }
            try {
                HttpResponse<Void> response = HEALTH.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    startSeconds = (System.nanoTime() - started) / 1e9;
                    startCpuSeconds = cpuSeconds();
                    LoadBenchmark.log("%s healthy after %.1f s, %.1f s of CPU (pid %d, port %d, log %s)", name,
                            startSeconds, startCpuSeconds, process.pid(), port, log);
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not healthy within " + timeout.toSeconds() + " s; " + log
                        + " ends:\n" + logTail(40));
            }
            sleep(200);
        }
    }

    /**
     * CPU time (user + system) the process has used so far, from {@code /proc/<pid>/stat} (clock ticks of 10 ms);
     * NaN where there is no procfs.
     */
    double cpuSeconds() {
        return cpuSeconds(process.pid());
    }

    /** CPU time (user + system) of any process, by pid; NaN if it cannot be read. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Starts a JFR recording in the running process ({@code jcmd <pid> JFR.start}). */
    void jfrStart(String settings) {
        jcmd("JFR.start", "name=load-benchmark", "settings=" + settings);
    }

    /** Stops the recording and writes it to {@code file}. */
    void jfrStop(Path file) {
        jcmd("JFR.stop", "name=load-benchmark", "filename=" + file);
    }

    private void jcmd(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(Long.toString(process.pid()));
        command.addAll(List.of(arguments));
        try {
            Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM (graceful shutdown), SIGKILL if it takes longer than 30 s. */
    void stop() {
        if (process == null) {
            return;
        }
        Process current = process;
        if (current.isAlive()) {
            current.destroy();
            try {
                if (!current.waitFor(30, TimeUnit.SECONDS)) {
                    LoadBenchmark.log("%s did not stop within 30 s of SIGTERM: SIGKILL", name);
                    current.destroyForcibly();
                    current.waitFor(20, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                current.destroyForcibly();
            }
        }
        LIVE.remove(current);
    }

    /** The last {@code lines} lines of the log. */
    String logTail(int lines) {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 16_000);
            file.seek(from);
            byte[] bytes = new byte[(int) (length - from)];
            file.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
            return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
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
        return name + " (port " + port + ")";
    }
}

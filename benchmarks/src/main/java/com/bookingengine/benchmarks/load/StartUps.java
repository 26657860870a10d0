package com.bookingengine.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts of the standalone jar on its embedded default (a fresh data directory each), alternated between the two
 * ways the README gives: as shipped ({@code java -jar booking-engine.jar}) and its "Faster start" (the jar extracted
 * once by {@code deploy/cds.sh}, then started with the class-data-sharing archive of its training start). Each start
 * counts from the launch to the first 200 of the readiness probe, with the CPU the process used until then.
 */
final class StartUps {

    static final String JAR = "java -jar booking-engine.jar";
    static final String FASTER = "extracted + CDS archive (README \"Faster start\")";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Path jar;
    private final Path dir;
    private final List<String> jvmOptions;

    StartUps(Path jar, Path dir, List<String> jvmOptions) {
        this.jar = jar;
        this.dir = dir;
        this.jvmOptions = jvmOptions;
    }

    /**
     * The README's "Faster start", done once by the script the README and the Dockerfile use ({@code deploy/cds.sh}):
     * the extracted jar and its archive from a training start, on the servers' JVM and with their options.
     */
    private Path[] prepare() throws IOException, InterruptedException {
        Path app = dir.resolve("app");
        Path archive = app.resolve("app.jsa");
        Path extracted = app.resolve("app.jar");
        run("cds", List.of("sh", script().toString(), jar.toString(), app.toString()),
                Map.of("JAVA_TOOL_OPTIONS", String.join(" ", jvmOptions),
                        // the archive is the JVM's that trained it: the one the servers run on
                        "PATH", Path.of(ServerProcess.java()).getParent() + ":" + System.getenv("PATH")));
        if (!Files.isRegularFile(extracted) || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("the faster start left no " + extracted + " or " + archive);
        }
        return new Path[] {extracted, archive};
    }

    /** {@code deploy/cds.sh}, from the repository root or from the benchmarks module. */
    private static Path script() {
        for (Path candidate : List.of(Path.of("deploy", "cds.sh"), Path.of("..", "deploy", "cds.sh"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("deploy/cds.sh not found from " + Path.of("").toAbsolutePath());
    }

    /** {@code rounds} alternated starts each way; ways in the order they were measured. */
    List<Results.Start> measure(int rounds) throws IOException, InterruptedException {
        Path[] faster = prepare();
        List<Results.Start> starts = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            starts.add(start(JAR, round, jar, jvmOptions));
            List<String> withArchive = new ArrayList<>(jvmOptions);
            withArchive.add("-XX:SharedArchiveFile=" + faster[1]);
            starts.add(start(FASTER, round, faster[0], withArchive));
        }
        return starts;
    }

    private Results.Start start(String way, int round, Path jarFile, List<String> options) {
        String name = (way.equals(JAR) ? "start-jar-" : "start-faster-") + round;
        ServerProcess process = ServerProcess.jar(name, jarFile, options,
                List.of("--booking.data-dir=" + dir.resolve(name + "-data")), Map.of(), dir);
        try {
            process.start(TIMEOUT);
            return new Results.Start(way, round, process.startSeconds, process.startCpuSeconds);
        } finally {
            process.stop();
        }
    }

    private void run(String step, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path log = dir.resolve(step + ".log");
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("faster start, " + step + ": not done within " + TIMEOUT + "; " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("faster start, " + step + ": exit code " + process.exitValue() + "; "
                    + log);
        }
    }
}

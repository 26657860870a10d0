package com.bookingengine.benchmarks.load;

import com.bookingengine.benchmarks.BenchmarkSupport;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The load benchmark's knobs: {@code key=value} program arguments, or system properties {@code bench.<key>}
 * (arguments win). {@code size=full} (the default) is the documented run of about 15 minutes on two cores;
 * {@code size=smoke} is the tiny run CI makes (2-second points, tiny seeds; of the engine only the split PostgreSQL
 * deployment and one start each way; never writes docs/BENCHMARKS.md). Any other key overrides the size's default.
 */
record LoadConfig(
        String size,
        /**
         * Which systems to measure, in this order: crud, raw, embedded, embedded-jpa (the embedded default on the JPA
         * event store it had before), standalone, split, startup (the standalone jar's start, alternated between
         * {@code java -jar} and the README's faster start). A target named twice is measured twice ("embedded-2").
         */
        List<String> targets,
        int[] clients,
        int pointSeconds,
        /**
         * Load before a system's first point (16 clients): on two cores the engine's JIT compiles for minutes under
         * load (docs/BENCHMARKS.md, "Warm-up"), so its points come after 30 s of it, not the 10 s they had.
         */
        int warmupSeconds,
        int contentionClients,
        int contentionSessions,
        int contentionSeconds,
        /** Seats per session in the sell-out race (every seat sold, none twice). */
        int selloutCapacity,
        int sessions,
        /** Total stored events at which the history points measure (after a first point on the fresh store). */
        long[] history,
        int replayCapSeconds,
        int availabilityBookings,
        int appointmentBookings,
        int availabilityWarmup,
        int availabilitySamples,
        /**
         * GETs of both services, alternating, for this long after the first timed GETs and before the second: the
         * query node's JIT compiles the query's path over the first thousand or so GETs (docs/BENCHMARKS.md,
         * "Availability: the first GETs and the warm ones").
         */
        int availabilityWarmSeconds,
        boolean jfr,
        /**
         * How the lag probes ask the query node ({@link LagProbe}): {@code polled}, {@code waited}
         * ({@code X-Min-Position}) or both, alternating from probe to probe.
         */
        List<LagProbe.Method> lagProbes,
        /** Starts each way in the startup target. */
        int startRounds,
        String engineHeap,
        /**
         * More JVM options for every server the points measure (the engine's and the CRUD app's), separated by
         * commas that start a new option ({@code server-jvm=-XX:MaxGCPauseMillis=50,-Xlog:gc:file=gc.log:uptime}).
         */
        List<String> serverJvm,
        /**
         * Starts every server in a session of its own ({@link ServerProcess#inOwnSession()}). Off by default, as every
         * documented run was made (docs/BENCHMARKS.md, "The lag is the query node's share of the cores").
         */
        boolean ownSessions,
        int enginePool,
        int queryPool,
        String pgUrl,
        String pgUser,
        String docs,
        /** Leaves the run's databases in place (their names are logged), e.g. to replay a seeded store again. */
        boolean keepDatabases,
        Path workDir) {

    static final Set<String> ALL_TARGETS = new LinkedHashSet<>(List.of("crud", "raw", "embedded", "embedded-jpa", "standalone",
            "split", "startup"));

    static LoadConfig parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("bench.") && !key.equals("bench.args")) {
                values.put(key.substring("bench.".length()), v.toString());
            }
        });
        BenchmarkSupport.putArguments(args, values);
        String size = values.getOrDefault("size", "full");
        boolean smoke = switch (size) {
            case "smoke" -> true;
            case "full" -> false;
            default -> throw new IllegalArgumentException("size is full or smoke, not " + size);
        };
        Reader r = new Reader(values);
        LoadConfig config = new LoadConfig(
                size,
                r.list("targets", smoke ? "crud,raw,split,startup" : "crud,raw,embedded,startup,standalone,split"),
                r.ints("clients", "1,16,64"),
                r.integer("point-seconds", smoke ? 2 : 15),
                r.integer("warmup-seconds", smoke ? 1 : 30),
                r.integer("contention-clients", 64),
                r.integer("contention-sessions", 5),
                r.integer("contention-seconds", smoke ? 2 : 15),
                r.integer("sellout-capacity", smoke ? 10 : 100),
                r.integer("sessions", 200),
                r.longs("history", smoke ? "6000,10000" : "100000,1000000"),
                r.integer("replay-cap-seconds", smoke ? 60 : 90),
                r.integer("availability-bookings", smoke ? 300 : 10_000),
                r.integer("appointment-bookings", smoke ? 20 : 300),
                r.integer("availability-warmup", smoke ? 5 : 100),
                r.integer("availability-samples", smoke ? 20 : 500),
                r.integer("availability-warm-seconds", smoke ? 1 : 30),
                Boolean.parseBoolean(r.string("jfr", "true")),
                r.list("lag-probes", "polled,waited").stream().map(LoadConfig::lagProbe).toList(),
                r.integer("start-rounds", smoke ? 1 : 2),
                r.string("engine-heap", "512m"),
                r.options("server-jvm"),
                Boolean.parseBoolean(r.string("own-sessions", "false")),
                r.integer("engine-pool", 20),
                r.integer("query-pool", 10),
                r.string("pg-url", "jdbc:postgresql://127.0.0.1:5432/"),
                r.string("pg-user", "root"),
                r.string("docs", smoke ? "none" : ""),
                Boolean.parseBoolean(r.string("keep-databases", "false")),
                Path.of(r.string("work-dir", "benchmarks/target/load-benchmark")).toAbsolutePath());
        if (!r.unused().isEmpty()) {
            throw new IllegalArgumentException("unknown arguments: " + r.unused());
        }
        for (String target : config.targets) {
            if (!ALL_TARGETS.contains(target)) {
                throw new IllegalArgumentException("targets are " + ALL_TARGETS + ", not " + target);
            }
        }
        return config;
    }

    private static LagProbe.Method lagProbe(String name) {
        try {
            return LagProbe.Method.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lag-probes are polled and/or waited, not " + name, e);
        }
    }

    boolean smoke() {
        return "smoke".equals(size);
    }

    boolean runs(String target) {
        return targets.contains(target);
    }

    /** The client count whose figure is profiled, compared across history sizes and probed for lag. */
    int mainClients() {
        return Arrays.stream(clients).filter(c -> c == 16).findFirst().orElse(clients[clients.length / 2]);
    }

    /** docs/BENCHMARKS.md: as given, or found from the working directory upwards; null for {@code docs=none}. */
    Path docsFile() {
        return BenchmarkSupport.docsFile(docs);
    }

    String jdbcUrl(String database) {
        return pgUrl + database;
    }

    /** The arguments that differ from the size's defaults, for the report's command line. */
    static String describe(String[] args) {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            if (!arg.isBlank()) {
                out.append(out.isEmpty() ? "" : " ").append(arg);
            }
        }
        return out.toString();
    }

    private static final class Reader {
        private final Map<String, String> values;
        private final Set<String> used = new LinkedHashSet<>();

        Reader(Map<String, String> values) {
            this.values = values;
            used.add("size");
        }

        String string(String key, String fallback) {
            used.add(key);
            return values.getOrDefault(key, fallback);
        }

        int integer(String key, int fallback) {
            String value = string(key, null);
            return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
        }

        int[] ints(String key, String fallback) {
            return Arrays.stream(string(key, fallback).split(",")).map(String::trim)
                    .mapToInt(Integer::parseInt).toArray();
        }

        long[] longs(String key, String fallback) {
            String value = string(key, fallback).trim();
            if (value.isEmpty() || value.equals("none")) {
                return new long[0];
            }
            return Arrays.stream(value.split(",")).map(s -> s.trim().replace("_", "").toLowerCase(Locale.ROOT))
                    .mapToLong(s -> s.contains("e") ? (long) Double.parseDouble(s) : Long.parseLong(s)).toArray();
        }

        List<String> list(String key, String fallback) {
            return split(string(key, fallback), ",");
        }

        /** JVM options, split at each comma that begins a new option, as an option's own value may hold commas. */
        List<String> options(String key) {
            return split(string(key, ""), ",(?=-)");
        }

        private static List<String> split(String value, String separator) {
            return Arrays.stream(value.split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        Set<String> unused() {
            Set<String> unused = new LinkedHashSet<>(values.keySet());
            unused.removeAll(used);
            return unused;
        }
    }
}

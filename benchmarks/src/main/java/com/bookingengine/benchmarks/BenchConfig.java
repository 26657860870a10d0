package com.bookingengine.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The benchmark's knobs, as {@code key=value} program arguments (all optional). Defaults keep a full run, two
 * engines alternating, at about six minutes on two cores.
 */
record BenchConfig(
        int rounds,
        int warmupSeconds,
        int appendSeconds,
        int[] appendThreads,
        int sessions,
        int loadSeconds,
        int loadAggregates,
        int aggregateEvents,
        int streamEvents,
        String pgUrl,
        String user,
        String password,
        String docs,
        boolean keepDatabases) {

    static BenchConfig parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        BenchmarkSupport.putArguments(args, values);
        BenchConfig config = new BenchConfig(
                integer(values, "rounds", 5),
                integer(values, "warmup-seconds", 5),
                integer(values, "append-seconds", 8),
                threads(values.getOrDefault("threads", "1,16")),
                integer(values, "sessions", 200),
                integer(values, "load-seconds", 5),
                integer(values, "load-aggregates", 10),
                integer(values, "aggregate-events", 200),
                integer(values, "stream-events", 200_000),
                values.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/"),
                values.getOrDefault("pg-user", "root"),
                values.getOrDefault("pg-password", ""),
                values.getOrDefault("docs", ""),
                Boolean.parseBoolean(values.getOrDefault("keep-databases", "false")));
        values.keySet().removeAll(java.util.Set.of("rounds", "warmup-seconds", "append-seconds", "threads",
                "sessions", "load-seconds", "load-aggregates", "aggregate-events", "stream-events", "pg-url",
                "pg-user", "pg-password", "docs", "keep-databases"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown arguments: " + values.keySet());
        }
        return config;
    }

    /** docs/BENCHMARKS.md: as given, or found from the working directory upwards; null for {@code docs=none}. */
    Path docsFile() {
        return BenchmarkSupport.docsFile(docs);
    }

    String jdbcUrl(String database) {
        return pgUrl + database;
    }

    private static int integer(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
    }

    private static int[] threads(String list) {
        String[] parts = list.split(",");
        int[] threads = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            threads[i] = Integer.parseInt(parts[i].trim());
        }
        return threads;
    }
}

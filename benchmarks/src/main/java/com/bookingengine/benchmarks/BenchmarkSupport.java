package com.bookingengine.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What every benchmark program here shares: its key=value arguments, what it reads of the machine, where it writes. */
public final class BenchmarkSupport {

    private BenchmarkSupport() {
    }

    /** Adds the {@code key=value} (or {@code --key=value}) command-line arguments to {@code values}. */
    public static Map<String, String> putArguments(String[] args, Map<String, String> values) {
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("arguments are key=value, got " + arg);
            }
            values.put(arg.substring(0, eq).replaceFirst("^--", ""), arg.substring(eq + 1));
        }
        return values;
    }

    /** docs/BENCHMARKS.md: as given, or found from the working directory upwards; null for {@code none}. */
    public static Path docsFile(String docs) {
        if ("none".equals(docs)) {
            return null;
        }
        if (!docs.isEmpty()) {
            return Path.of(docs);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/BENCHMARKS.md");
            if (candidate.toFile().isFile() && dir.resolve("pom.xml").toFile().isFile()) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/BENCHMARKS.md not found above " + Path.of("").toAbsolutePath()
                + "; pass docs=PATH or docs=none");
    }

    /** A {@code key: value} line's value from a /proc file such as /proc/cpuinfo, or "?" when it has none. */
    public static String procValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "?";
    }

    /** The middle value (the mean of the two middle ones for an even count); NaN for none. */
    public static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

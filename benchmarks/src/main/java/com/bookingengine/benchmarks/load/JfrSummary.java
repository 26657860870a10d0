package com.bookingengine.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU samples of a JFR recording ({@code jdk.ExecutionSample}, what {@code jfr print --events
 * jdk.ExecutionSample} lists) aggregated three ways: by the method on top of the stack (where the CPU time is
 * spent), by that method's package, and by library anywhere on the stack (which layer the time is spent under).
 */
record JfrSummary(String label, Path file, long samples, List<Map.Entry<String, Long>> topMethods,
                  List<Map.Entry<String, Long>> topPackages, List<Map.Entry<String, Long>> layers) {

    /** Library prefixes for the inclusive view, most specific first; a sample counts once per layer it passes. */
    static final Map<String, String> LAYERS = layerNames();

    private static Map<String, String> layerNames() {
        Map<String, String> layers = new LinkedHashMap<>();
        layers.put("com.bookingengine.", "engine code (com.bookingengine)");
        layers.put("org.axonframework.", "Axon Framework");
        layers.put("org.hibernate.validator.", "Bean validation");
        layers.put("org.hibernate.", "Hibernate / JPA");
        layers.put("org.h2.", "H2");
        layers.put("org.postgresql.", "PostgreSQL JDBC driver");
        layers.put("com.zaxxer.hikari.", "HikariCP");
        layers.put("com.fasterxml.jackson.", "Jackson");
        layers.put("org.springframework.security.", "Spring Security");
        layers.put("org.springframework.web.", "Spring MVC");
        layers.put("org.springframework.transaction.", "Spring transactions");
        layers.put("org.apache.catalina.", "Tomcat");
        layers.put("org.apache.coyote.", "Tomcat");
        layers.put("io.micrometer.", "Micrometer");
        layers.put("sun.security.provider.", "SHA-256 (audit hash)");
        return layers;
    }

    static JfrSummary read(String label, Path file, int top) throws IOException {
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> packages = new HashMap<>();
        Map<String, Long> layers = new HashMap<>();
        long samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                RecordedMethod topMethod = stack.getFrames().get(0).getMethod();
                String type = topMethod.getType().getName();
                methods.merge(type + "." + topMethod.getName(), 1L, Long::sum);
                int dot = type.lastIndexOf('.');
                packages.merge(dot < 0 ? "(default)" : type.substring(0, dot), 1L, Long::sum);
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    String frameType = frame.getMethod().getType().getName();
                    for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
                        if (frameType.startsWith(layer.getKey())) {
                            seen.add(layer.getValue());
                            break;
                        }
                    }
                }
                seen.forEach(layer -> layers.merge(layer, 1L, Long::sum));
            }
        }
        return new JfrSummary(label, file, samples, top(methods, top), top(packages, top), top(layers, 20));
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return sorted.subList(0, Math.min(n, sorted.size())).stream()
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    double share(long count) {
        return samples == 0 ? 0 : 100.0 * count / samples;
    }
}

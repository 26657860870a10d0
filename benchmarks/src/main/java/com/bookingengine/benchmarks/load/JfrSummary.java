package com.bookingengine.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU samples of a JFR recording ({@code jdk.ExecutionSample}, what {@code jfr print --events
 * jdk.ExecutionSample} lists) aggregated by the frame on top of the stack: its method, its package, and its library,
 * where time in JDK code is charged to the library that called into the JDK (the topmost non-JDK frame); then by
 * thread pool (HTTP request threads, each projection's processor threads, ...); and, inclusively, by library anywhere
 * on the stack.
 * <p>
 * {@code main} prints the tables of recordings made earlier: {@code java -cp <benchmarks classpath>
 * com.bookingengine.benchmarks.load.JfrSummary label=file.jfr ...}.
 */
record JfrSummary(String label, Path file, long samples, List<Map.Entry<String, Long>> topMethods,
                  List<Map.Entry<String, Long>> topPackages, List<Map.Entry<String, Long>> libraries,
                  List<Map.Entry<String, Long>> threads, List<Map.Entry<String, Long>> onStack) {

    /** Library prefixes, most specific first. */
    static final Map<String, String> LIBRARIES = libraryNames();

    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private static Map<String, String> libraryNames() {
        Map<String, String> libraries = new LinkedHashMap<>();
        libraries.put("com.bookingengine.", "engine code (com.bookingengine)");
        libraries.put("org.axonframework.", "Axon Framework");
        libraries.put("org.hibernate.validator.", "Bean validation (Hibernate Validator)");
        libraries.put("org.hibernate.", "Hibernate ORM");
        libraries.put("org.h2.", "H2");
        libraries.put("org.postgresql.", "PostgreSQL JDBC driver");
        libraries.put("com.zaxxer.hikari.", "HikariCP");
        libraries.put("com.fasterxml.jackson.", "Jackson");
        libraries.put("org.springframework.security.", "Spring Security");
        libraries.put("org.springframework.web.", "Spring MVC");
        libraries.put("org.springframework.transaction.", "Spring transactions");
        libraries.put("org.springframework.orm.", "Spring ORM");
        libraries.put("org.springframework.boot.loader.", "Spring Boot loader (nested jar URLs)");
        libraries.put("org.springframework.", "Spring (other)");
        libraries.put("org.apache.catalina.", "Tomcat");
        libraries.put("org.apache.coyote.", "Tomcat");
        libraries.put("org.apache.tomcat.", "Tomcat");
        libraries.put("io.micrometer.", "Micrometer");
        libraries.put("ch.qos.logback.", "Logback");
        libraries.put("org.slf4j.", "SLF4J");
        libraries.put("org.jboss.logging.", "JBoss Logging (Hibernate's)");
        libraries.put("net.bytebuddy.", "Byte Buddy (Hibernate proxies)");
        libraries.put("com.github.kagkarlsson.", "db-scheduler");
        libraries.put("jakarta.", "Jakarta APIs (servlet wrappers, persistence, validation)");
        return libraries;
    }

    static JfrSummary read(String label, Path file, int top) throws IOException {
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> packages = new HashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> onStack = new HashMap<>();
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
                packages.merge(packageOf(type), 1L, Long::sum);
                String library = "JDK only (no library frame on the stack)";
                for (RecordedFrame frame : stack.getFrames()) {
                    String frameType = frame.getMethod().getType().getName();
                    if (JDK.stream().noneMatch(frameType::startsWith)) {
                        library = libraryOf(frameType);
                        break;
                    }
                }
                libraries.merge(library, 1L, Long::sum);
                RecordedThread thread = event.getThread("sampledThread");
                threads.merge(pool(thread == null ? null : thread.getJavaName()), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    String frameType = frame.getMethod().getType().getName();
                    if (JDK.stream().noneMatch(frameType::startsWith)) {
                        seen.add(libraryOf(frameType));
                    }
                }
                seen.forEach(l -> onStack.merge(l, 1L, Long::sum));
            }
        }
        return new JfrSummary(label, file, samples, top(methods, top), top(packages, top), top(libraries, top),
                top(threads, top), top(onStack, 8));
    }

    private static String packageOf(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? "(default)" : type.substring(0, dot);
    }

    private static String libraryOf(String type) {
        for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
            if (type.startsWith(library.getKey())) {
                return library.getValue();
            }
        }
        String[] parts = type.split("\\.");
        return parts.length >= 3 ? parts[0] + "." + parts[1] + "." + parts[2] : packageOf(type);
    }

    /** A thread's pool: its name with the numbers that tell the members apart replaced by N. */
    static String pool(String thread) {
        if (thread == null) {
            return "(unknown)";
        }
        return thread.replaceAll("\\d+", "N");
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

    /**
     * Prints the report's profile section for recordings given as {@code label=path} (label: embedded, standalone,
     * ...), the first argument the client count they were recorded at.
     */
    public static void main(String[] args) throws IOException {
        Map<String, JfrSummary> summaries = new LinkedHashMap<>();
        for (String arg : List.of(args).subList(1, args.length)) {
            int eq = arg.indexOf('=');
            String label = arg.substring(0, eq);
            summaries.put(label, read(label, Path.of(arg.substring(eq + 1)), 15));
        }
        StringBuilder out = new StringBuilder();
        Report.profileSection(out, Integer.parseInt(args[0]), summaries.values());
        System.out.print(out);
    }
}

package com.bookingengine.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Everything one run measured, for the report and for the smoke test's checks. */
final class Results {

    /** System key (crud, raw, embedded, standalone, split) to clients to point. */
    final Map<String, Map<Integer, Load.Point>> throughput = new LinkedHashMap<>();
    final Map<String, Load.Point> contention = new LinkedHashMap<>();
    /** CPU milliseconds the system's own processes used per booking created, by "system/clients" or "system/contention". */
    final Map<String, Double> cpuPerBooking = new LinkedHashMap<>();
    /** The same for the PostgreSQL backends connected to the system's database (NaN without one). */
    final Map<String, Double> dbCpuPerBooking = new LinkedHashMap<>();
    final Map<String, Sellout> sellouts = new LinkedHashMap<>();
    final List<Lag> lag = new ArrayList<>();
    final List<HistoryPoint> history = new ArrayList<>();
    /** Where the history was seeded, e.g. "4 class services of 250 sessions". */
    String historyTargets = "";
    Replay replay;
    EventStoreAccess.Scan rawScan;
    EventStoreAccess.Scan decodingScan;
    Availability availability;
    final Map<String, JfrSummary> profiles = new LinkedHashMap<>();
    /** Process name to seconds from start to healthy. */
    final Map<String, Double> startups = new LinkedHashMap<>();
    /** Alternated starts of the standalone jar, each way (target "startup"). */
    final List<Start> starts = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Anything that contradicts correctness: overbooking, lost or phantom bookings, a failed phase. */
    final List<String> problems = new ArrayList<>();
    boolean completed;

    Map<Integer, Load.Point> points(String system) {
        return throughput.computeIfAbsent(system, s -> new LinkedHashMap<>());
    }

    boolean overbooked() {
        return sellouts.values().stream().anyMatch(Sellout::overbooked);
    }

    /**
     * The sell-out race on {@code sessions} sessions of {@code capacity} seats: 201 answers per session, and the
     * seats the system itself reports taken afterwards.
     */
    record Sellout(String system, int capacity, Map<String, Integer> created, Map<String, Integer> reported,
                   Load.Point point) {

        boolean overbooked() {
            return created.values().stream().anyMatch(n -> n > capacity)
                    || reported.values().stream().anyMatch(n -> n > capacity);
        }

        boolean allSold() {
            return created.values().stream().allMatch(n -> n == capacity)
                    && reported.values().stream().allMatch(n -> n == capacity);
        }

        int sold() {
            return created.values().stream().mapToInt(Integer::intValue).sum();
        }

        int seats() {
            return capacity * created.size();
        }
    }

    /**
     * Projection lag samples of one load point and probe method (milliseconds, as a histogram in microseconds);
     * {@code early}: waited probes answered 404 before the booking was visible.
     */
    record Lag(int clients, LagProbe.Method method, long probes, long timeouts, long early, Histogram micros,
               int pollMillis) {

        double millis(double percentile) {
            return micros.getTotalCount() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1000.0;
        }

        double max() {
            return micros.getTotalCount() == 0 ? Double.NaN : micros.getMaxValue() / 1000.0;
        }
    }

    /**
     * The main client count's figure with {@code storedEvents} events in the store, and the CPU milliseconds per
     * booking created of the running servers and of the PostgreSQL backends of their database (less sensitive than
     * the rate to other jobs sharing the machine).
     */
    record HistoryPoint(long storedEvents, Load.Point point, long seeded, double seedSeconds, double cpuMs,
                        double dbCpuMs) {

        /** CPU milliseconds per booking of the node and PostgreSQL together. */
        double totalCpuMs() {
            return cpuMs + dbCpuMs;
        }
    }

    /** Rebuilding the booking list: how far, how fast, and the query node's heap. */
    record Replay(long storeEvents, long events, double seconds, boolean complete, long maxHeapBytes, String xmx,
                  long heapSamples) {

        double perSecond() {
            return events / seconds;
        }
    }

    /**
     * GET /availability over 30 days, one client: the first timed GETs of each service ({@code cold}, while the JIT
     * still compiles their path) and the timed GETs after the warm-up ({@code warm}).
     */
    record Availability(String where, String classService, int classSlots, long classBooked, Gets classCold,
                        Gets classWarm, String appointmentService, int appointmentSlots, long appointmentBooked,
                        Gets appointmentCold, Gets appointmentWarm) {
    }

    /** Sorted latencies in milliseconds, and the query node's CPU milliseconds per GET (NaN when not read). */
    record Gets(double[] ms, double cpuMsPerGet) {
    }

    /** One start: how it was started, which round, seconds until healthy and the CPU seconds used until then. */
    record Start(String way, int round, double seconds, double cpuSeconds) {
    }
}

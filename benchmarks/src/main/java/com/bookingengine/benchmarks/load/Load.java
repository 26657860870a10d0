package com.bookingengine.benchmarks.load;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * N concurrent clients, each a closed loop (send, wait for the answer, send the next), for a fixed time. Only
 * answers that arrive before the deadline count; only {@code 201 Created} counts as a booking, and its latency
 * (request sent to answer read, measured in the client) goes into the histogram. Every other answer is counted by
 * status ({@code -1}: no HTTP answer at all).
 */
final class Load {

    /** The request a client sends next, with what the listener needs to know about it. */
    record Call(HttpRequest request, int session, String bookingId) {
    }

    /** Hands each client its next call; {@code null} ends that client early (a sell-out race). */
    interface Workload {
        Call next(int client);
    }

    /**
     * Told about every answer within the deadline, from the client's thread, with the answer's
     * {@code X-Event-Position} (-1 without one).
     */
    interface Listener {
        void answered(Call call, int status, long answeredAtNanos, long eventPosition);
    }

    static final Listener NONE = (call, status, at, position) -> {
    };

    private Load() {
    }

    static Point run(String label, int clients, Duration duration, Workload workload, Listener listener) {
        Histogram[] histograms = new Histogram[clients];
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong deadline = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            histograms[c] = new Histogram(60_000_000L, 3); // microseconds, up to a minute
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long end = deadline.get();
                while (System.nanoTime() < end) {
                    Call call = workload.next(client);
                    if (call == null) {
                        break;
                    }
                    long sent = System.nanoTime();
                    int status;
                    String body = null;
                    long position = -1;
                    try {
                        HttpResponse<String> response = Http.CLIENT.send(call.request(),
                                HttpResponse.BodyHandlers.ofString());
                        status = response.statusCode();
                        body = response.body();
                        position = response.headers().firstValue("X-Event-Position").map(Long::parseLong).orElse(-1L);
                    } catch (IOException e) {
                        status = -1;
                        body = e.toString();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long answered = System.nanoTime();
                    if (answered > end) {
                        break; // after the deadline: neither counted nor timed
                    }
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    if (status == 201) {
                        histograms[client].recordValue(Math.min(60_000_000L, (answered - sent) / 1000));
                    } else if (samples.size() < 5) {
                        samples.add(status + " " + abbreviate(body));
                    }
                    listener.answered(call, status, answered, position);
                    if (status == -1) {
                        ServerProcess.sleep(20); // a refused connection must not spin
                    }
                }
            }, "load-" + label + "-" + client);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            ready.await();
            long start = System.nanoTime();
            deadline.set(start + duration.toNanos());
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            long stop = Math.min(System.nanoTime(), deadline.get());
            Histogram all = new Histogram(60_000_000L, 3);
            for (Histogram histogram : histograms) {
                all.add(histogram);
            }
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            Point point = new Point(label, clients, (stop - start) / 1e9, counts, all, List.copyOf(samples));
            LoadBenchmark.log("  %s", point);
            return point;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 240 ? flat.substring(0, 240) + "..." : flat;
    }

    /** One measured point: bookings (201) per second, their latency, every other answer by status. */
    record Point(String label, int clients, double seconds, Map<Integer, Long> statuses, Histogram latency,
                 List<String> errorSamples) {

        long created() {
            return statuses.getOrDefault(201, 0L);
        }

        long errors() {
            return statuses.entrySet().stream().filter(e -> e.getKey() != 201).mapToLong(Map.Entry::getValue).sum();
        }

        double perSecond() {
            return created() / seconds;
        }

        double millis(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }

        double p50() {
            return millis(50);
        }

        double p95() {
            return millis(95);
        }

        double p99() {
            return millis(99);
        }

        String errorSummary() {
            if (errors() == 0) {
                return "0";
            }
            StringBuilder out = new StringBuilder();
            statuses.forEach((status, count) -> {
                if (status != 201) {
                    out.append(out.isEmpty() ? "" : ", ").append(count).append("×").append(status == -1 ? "io" : status);
                }
            });
            return out.toString();
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s, %d clients: %,.0f bookings/s, p50 %.1f ms, p95 %.1f ms,"
                            + " p99 %.1f ms, %d created, errors %s%s", label, clients, perSecond(), p50(), p95(),
                    p99(), created(), errorSummary(), errorSamples.isEmpty() ? "" : " e.g. " + errorSamples.get(0));
        }
    }
}

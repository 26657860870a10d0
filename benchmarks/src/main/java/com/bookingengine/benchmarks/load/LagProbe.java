package com.bookingengine.benchmarks.load;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Projection lag as a client sees it: for a sample of the bookings a load point creates on the command node, the
 * time from the command's 201 answer until {@code GET /bookings/{id}} on the query node first answers 200. Two ways
 * of asking, alternating from probe to probe so that both meet the same moments of the load:
 * <ul>
 *   <li>{@link Method#POLLED}: the GET repeated every {@value #POLL_MILLIS} ms until it answers 200 (a figure
 *   includes up to one poll interval and one GET round trip; each probe sends the query node a GET per poll);</li>
 *   <li>{@link Method#WAITED}: one GET carrying the command's {@code X-Event-Position} as {@code X-Min-Position}, the
 *   product's read-your-writes: the query node answers once its booking list has processed the event (a 503 after
 *   its patience is asked again). A 404 to it would be a broken promise: it is counted, and the probe polls on.</li>
 * </ul>
 * At most {@value #IN_FLIGHT} probes run at once and a new one starts at most every {@value #GAP_MILLIS} ms, to keep
 * the probing itself from loading the query node.
 */
final class LagProbe {

    static final int POLL_MILLIS = 10;
    static final int IN_FLIGHT = 2;
    static final int GAP_MILLIS = 100;
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);

    /** How a probe asks whether the booking is visible. */
    enum Method {
        POLLED, WAITED;

        /** As the report and the {@code lag-probes} argument write it. */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String queryUrl;
    private final String key;
    private final List<Method> methods;
    private final ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
        Thread thread = new Thread(r, "lag-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final AtomicLong lastStart = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final Map<Method, Tally> tallies = new EnumMap<>(Method.class);

    /** One way's probes of the current point. */
    private static final class Tally {
        long probes;
        long timeouts;
        long early;
        Histogram micros = new Histogram(60_000_000L, 3);
    }

    LagProbe(String queryUrl, String key, List<Method> methods) {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no lag probe method");
        }
        this.queryUrl = queryUrl;
        this.key = key;
        this.methods = List.copyOf(methods);
        this.methods.forEach(method -> tallies.put(method, new Tally()));
    }

    Load.Listener listener() {
        return (call, status, answeredAt, position) -> {
            if (status != 201 || call.bookingId() == null) {
                return;
            }
            long last = lastStart.get();
            if (answeredAt - last < TimeUnit.MILLISECONDS.toNanos(GAP_MILLIS)
                    || !lastStart.compareAndSet(last, answeredAt) || !slots.tryAcquire()) {
                return;
            }
            Method turn = methods.get((int) (started.getAndIncrement() % methods.size()));
            Method method = position < 0 ? Method.POLLED : turn; // an answer without a position can only be polled
            pool.execute(() -> {
                try {
                    probe(call.bookingId(), answeredAt, method, position);
                } finally {
                    slots.release();
                }
            });
        };
    }

    private void probe(String bookingId, long answeredAt, Method method, long position) {
        HttpRequest poll = Http.getRequest(queryUrl + "/api/v1/bookings/" + bookingId, key);
        HttpRequest wait = method == Method.POLLED ? poll : HttpRequest.newBuilder(poll, (name, value) -> true)
                .header("X-Min-Position", Long.toString(position)).build();
        tally(method, tally -> tally.probes++);
        boolean polling = method == Method.POLLED;
        while (true) {
            Http.Reply reply;
            try {
                reply = Http.send(polling ? poll : wait);
            } catch (RuntimeException e) {
                reply = new Http.Reply(-1, e.toString());
            }
            long now = System.nanoTime();
            if (reply.status() == 200) {
                long micros = Math.min(60_000_000L, Math.max(0, now - answeredAt) / 1000);
                tally(method, tally -> tally.micros.recordValue(micros));
                return;
            }
            if (now - answeredAt > TIMEOUT_NANOS) {
                tally(method, tally -> tally.timeouts++);
                return;
            }
            if (!polling && reply.status() == 404) {
                // answered before the read model had the booking, although it was asked to wait for it
                tally(method, tally -> tally.early++);
                polling = true;
            }
            if (polling || reply.status() < 0) {
                ServerProcess.sleep(POLL_MILLIS);
            }
        }
    }

    private synchronized void tally(Method method, Consumer<Tally> change) {
        change.accept(tallies.get(method));
    }

    /** Waits for the probes under way, hands back this point's figures (one per method) and starts afresh. */
    List<Results.Lag> finish(int clients) {
        try {
            if (!slots.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("lag probes still running after 30 s");
            }
            slots.release(IN_FLIGHT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            List<Results.Lag> lags = new ArrayList<>();
            for (Method method : methods) {
                Tally tally = tallies.put(method, new Tally());
                lags.add(new Results.Lag(clients, method, tally.probes, tally.timeouts, tally.early, tally.micros,
                        POLL_MILLIS));
            }
            return lags;
        }
    }

    void close() {
        pool.shutdownNow();
    }
}

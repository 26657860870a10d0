package com.bookingengine.benchmarks.load;

import java.net.http.HttpRequest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Projection lag as a client sees it: for a sample of the bookings a load point creates on the command node, the
 * time from the command's 201 answer until {@code GET /bookings/{id}} on the query node first answers 200, polled
 * every {@value #POLL_MILLIS} ms (so a figure includes up to one poll interval and one GET round trip). At most
 * {@value #IN_FLIGHT} probes run at once and a new one starts at most every {@value #GAP_MILLIS} ms, to keep the
 * probing itself from loading the query node.
 */
final class LagProbe {

    static final int POLL_MILLIS = 10;
    static final int IN_FLIGHT = 2;
    static final int GAP_MILLIS = 100;
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final String queryUrl;
    private final String key;
    private final ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
        Thread thread = new Thread(r, "lag-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final AtomicLong lastStart = new AtomicLong();
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private Histogram micros = new Histogram(60_000_000L, 3);

    LagProbe(String queryUrl, String key) {
        this.queryUrl = queryUrl;
        this.key = key;
    }

    Load.Listener listener() {
        return (call, status, answeredAt) -> {
            if (status != 201 || call.bookingId() == null) {
                return;
            }
            long last = lastStart.get();
            if (answeredAt - last < TimeUnit.MILLISECONDS.toNanos(GAP_MILLIS)
                    || !lastStart.compareAndSet(last, answeredAt) || !slots.tryAcquire()) {
                return;
            }
            pool.execute(() -> {
                try {
                    probe(call.bookingId(), answeredAt);
                } finally {
                    slots.release();
                }
            });
        };
    }

    private void probe(String bookingId, long answeredAt) {
        HttpRequest request = Http.getRequest(queryUrl + "/api/v1/bookings/" + bookingId, key);
        probes.incrementAndGet();
        while (true) {
            Http.Reply reply;
            try {
                reply = Http.send(request);
            } catch (RuntimeException e) {
                reply = new Http.Reply(-1, e.toString());
            }
            long now = System.nanoTime();
            if (reply.status() == 200) {
                synchronized (this) {
                    micros.recordValue(Math.min(60_000_000L, Math.max(0, now - answeredAt) / 1000));
                }
                return;
            }
            if (now - answeredAt > TIMEOUT_NANOS) {
                timeouts.incrementAndGet();
                return;
            }
            ServerProcess.sleep(POLL_MILLIS);
        }
    }

    /** Waits for the probes under way, hands back this point's figures and starts counting afresh. */
    Results.Lag finish(int clients) {
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
            Results.Lag lag = new Results.Lag(clients, probes.getAndSet(0), timeouts.getAndSet(0), micros, POLL_MILLIS);
            micros = new Histogram(60_000_000L, 3);
            return lag;
        }
    }

    void close() {
        pool.shutdownNow();
    }
}

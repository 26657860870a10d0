package com.bookingengine.query.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every open stream of this node, and the few threads all of them share: the senders that write events, the
 * workers that catch reconnecting clients up and recompute availability, one heartbeat clock. The number of threads
 * does not grow with the number of clients. Open streams are counted by the gauges {@code booking.streams.open} and
 * {@code booking.streams.listeners} (those following the event store reader).
 * <p>
 * Stops first when the engine shuts down (highest lifecycle phase): every stream is ended, so graceful shutdown does
 * not wait for clients that never hang up (they reconnect elsewhere with {@code Last-Event-ID}).
 */
@Component
@EnableConfigurationProperties(StreamProperties.class)
class StreamSubscriptions implements SmartLifecycle {

    static final int SENDERS = 2;
    static final int WORKERS = 2;

    private final StreamProperties properties;
    private final EventStoreTail tail;
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor senders = fixedPool(SENDERS, "stream-send-");
    private final ThreadPoolExecutor workers = fixedPool(WORKERS, "stream-work-");
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(named("stream-heartbeat-"));
    private volatile boolean running;

    StreamSubscriptions(StreamProperties properties, EventStoreTail tail, ObjectProvider<MeterRegistry> meters) {
        this.properties = properties;
        this.tail = tail;
        meters.ifAvailable(registry -> {
            Gauge.builder("booking.streams.open", open, Set::size)
                    .description("Live streams (SSE) open on this node").register(registry);
            Gauge.builder("booking.streams.listeners", tail, EventStoreTail::listeners)
                    .description("Streams following this node's event store reader").register(registry);
        });
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(() -> open.forEach(Subscription::heartbeat), every, every, TimeUnit.MILLISECONDS);
    }

    /** A new stream for the caller; it ends after the configured timeout at the latest. */
    Subscription open() {
        if (!running) {
            throw new IllegalStateException("The engine is not serving streams (starting or shutting down)");
        }
        Subscription subscription = new Subscription(new SseEmitter(properties.timeout().toMillis()), senders,
                properties.maxQueued());
        open.add(subscription);
        subscription.onClose(() -> open.remove(subscription));
        return subscription;
    }

    /** Runs {@code work} on a stream worker (catching up, recomputing); it must not block for long. */
    void work(Runnable work) {
        workers.execute(work);
    }

    int openCount() {
        return open.size();
    }

    EventStoreTail tail() {
        return tail;
    }

    StreamProperties properties() {
        return properties;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List.copyOf(open).forEach(Subscription::close);
        tail.stop();
        heartbeats.shutdownNow();
        workers.shutdownNow();
        senders.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private static ThreadPoolExecutor fixedPool(int threads, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), named(name));
        pool.prestartAllCoreThreads(); // a fixed set of threads from the start: their number never follows the load
        return pool;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

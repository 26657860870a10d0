package com.bookingengine.platform.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import javax.annotation.Nonnull;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The meters Axon's dimensional Micrometer monitors keep for an event processor ({@code GlobalMetricRegistry
 * .registerEventProcessor}: {@code eventProcessor.*} timers, counters and capacity tagged {@code payloadType} and
 * {@code processorName}, {@code eventProcessor.latency} tagged {@code processorName}), with the same names, tags,
 * percentiles and values, but registered once per payload type instead of looked up in the registry for every event:
 * Axon's four monitors build their tags and ask the registry for eleven meters per event, handled or ignored, which
 * was 11-18 % of a replay's processor samples (docs/BENCHMARKS.md, "Projections and replay: cost per event"). The
 * capacity gauge sums its 10 s window in 100 ms slots ({@link CapacityWindow}), so a message's time leaves it up to
 * one slot earlier than it leaves Axon's.
 */
public final class ProcessorMetrics implements MessageMonitor<Message<?>> {

    static final String PREFIX = "eventProcessor";
    private final String processorName;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ConcurrentMap<Class<?>, PayloadMeters> byPayloadType = new ConcurrentHashMap<>();
    /** The last event ingested and when: the latency gauge works its age out when read, not for every event. */
    private final AtomicReference<Ingested> last = new AtomicReference<>();
    private volatile boolean latencyRegistered;

    public ProcessorMetrics(String processorName, MeterRegistry registry) {
        this.processorName = processorName;
        this.registry = registry;
        this.clock = registry.config().clock();
    }

    @Override
    public MonitorCallback onMessageIngested(@Nonnull Message<?> message) {
        if (message instanceof EventMessage<?> event) {
            last.set(new Ingested(event, clock.wallTime()));
        }
        if (!latencyRegistered) {
            Gauge.builder(PREFIX + ".latency", this::latency).tags(Tags.of("processorName", processorName))
                    .register(registry);
            latencyRegistered = true;
        }
        PayloadMeters meters = byPayloadType.computeIfAbsent(message.getPayloadType(), this::meters);
        meters.ingested.increment();
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                long duration = finish();
                meters.successTimer.record(duration, TimeUnit.NANOSECONDS);
                meters.processed.increment();
                meters.success.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                long duration = finish();
                meters.failureTimer.record(duration, TimeUnit.NANOSECONDS);
                meters.processed.increment();
                meters.failure.increment();
            }

            @Override
            public void reportIgnored() {
                long duration = finish();
                meters.ignoredTimer.record(duration, TimeUnit.NANOSECONDS);
                meters.ignored.increment();
            }

            private long finish() {
                long duration = clock.monotonicTime() - start;
                meters.allTimer.record(duration, TimeUnit.NANOSECONDS);
                meters.capacity.add(duration);
                return duration;
            }
        };
    }

    /**
     * As Axon's EventProcessorLatencyMonitor: how old the last event was when it was ingested, in ms (its timestamp
     * is parsed here, once per reading, instead of for every event).
     */
    private long latency() {
        Ingested ingested = last.get();
        return ingested == null ? 0 : ingested.at - ingested.event.getTimestamp().toEpochMilli();
    }

    private record Ingested(EventMessage<?> event, long at) {
    }

    private PayloadMeters meters(Class<?> payloadType) {
        Tags tags = Tags.of("payloadType", payloadType.getSimpleName(), "processorName", processorName);
        CapacityWindow capacity = new CapacityWindow(clock);
        registry.gauge(PREFIX + ".capacity", tags, capacity, CapacityWindow::capacity);
        return new PayloadMeters(timer("allTimer", tags), timer("successTimer", tags), timer("failureTimer", tags),
                timer("ignoredTimer", tags), counter("ingestedCounter", tags), counter("successCounter", tags),
                counter("failureCounter", tags), counter("processedCounter", tags), counter("ignoredCounter", tags),
                capacity);
    }

    /** As Axon's MessageTimerMonitor builds its timers. */
    private Timer timer(String name, Tags tags) {
        return Timer.builder(PREFIX + "." + name)
                .distributionStatisticExpiry(Duration.ofMinutes(10))
                .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999)
                .tags(tags)
                .register(registry);
    }

    private Counter counter(String name, Tags tags) {
        return registry.counter(PREFIX + "." + name, tags);
    }

    private record PayloadMeters(Timer allTimer, Timer successTimer, Timer failureTimer, Timer ignoredTimer,
                                 Counter ingested, Counter success, Counter failure, Counter processed,
                                 Counter ignored, CapacityWindow capacity) {
    }
}

package com.bookingengine.platform.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ProcessorMetrics} keeps the meters Axon's dimensional event processor monitors keep, with the same values. */
class ProcessorMetricsTest {

    record Reserved(String sessionId) {
    }

    record Created(String bookingId) {
    }

    @Test
    void theMetersAndTheirValuesAreAxonsForTheSameMessages() {
        // given Axon's monitors of a processor and ours, each on a registry of its own (Axon's time with the system
        // clock, ours with the registry's, a mock here)
        MockClock axonClock = new MockClock();
        MockClock ourClock = new MockClock();
        MeterRegistry axonRegistry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, axonClock);
        MeterRegistry ourRegistry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, ourClock);
        @SuppressWarnings("unchecked")
        MessageMonitor<Message<?>> axon = (MessageMonitor<Message<?>>) new GlobalMetricRegistry(axonRegistry)
                .registerComponentWithDefaultTags(TrackingEventProcessor.class, "bookings");
        MessageMonitor<Message<?>> ours = new ProcessorMetrics("bookings", ourRegistry);

        // when both see the same events handled, failed and ignored, each taking its time
        BiConsumer<EventMessage<?>, Outcome> feed = (event, outcome) -> {
            for (var pair : Map.of(axon, axonClock, ours, ourClock).entrySet()) {
                MessageMonitor.MonitorCallback callback = pair.getKey().onMessageIngested(event);
                pair.getValue().add(outcome.millis, TimeUnit.MILLISECONDS);
                switch (outcome) {
                    case SUCCESS -> callback.reportSuccess();
                    case FAILURE -> callback.reportFailure(new IllegalStateException("bug"));
                    case IGNORED -> callback.reportIgnored();
                }
            }
        };
        Instant stored = Instant.ofEpochMilli(new MockClock().wallTime()).minusSeconds(3);
        feed.accept(event(new Created("b-1"), stored), Outcome.SUCCESS);
        feed.accept(event(new Reserved("s-1"), stored), Outcome.IGNORED);
        feed.accept(event(new Created("b-2"), stored), Outcome.FAILURE);
        feed.accept(event(new Created("b-3"), stored.plusSeconds(1)), Outcome.SUCCESS);
        feed.accept(event(new Reserved("s-2"), stored.plusSeconds(2)), Outcome.IGNORED);

        // then the same meters exist, by name, tags and kind, with the same counts
        Map<String, String> axonMeters = describe(axonRegistry);
        assertThat(axonMeters).containsEntry(
                "eventProcessor.successCounter [payloadType=Created, processorName=bookings] COUNTER", "2.0");
        assertThat(axonMeters).containsEntry(
                "eventProcessor.ignoredTimer [payloadType=Reserved, processorName=bookings] TIMER", "2");
        assertThat(axonMeters).containsKey("eventProcessor.latency [processorName=bookings] GAUGE");
        assertThat(describe(ourRegistry)).isEqualTo(axonMeters);
        // and the times are those the clock saw: 5 + 7 + 5 ms handling the created events, 2 ms ignoring the others,
        // 17 ms busy of the 10 s capacity window; the last event was stored 2 s before the first was handled, which
        // was 19 ms ago
        assertThat(ourRegistry.get("eventProcessor.allTimer").tag("payloadType", "Created").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(17.0);
        assertThat(ourRegistry.get("eventProcessor.ignoredTimer").tag("payloadType", "Reserved").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2.0);
        assertThat(ourRegistry.get("eventProcessor.capacity").tag("payloadType", "Created").gauge().value())
                .isEqualTo(0.0017);
        assertThat(ourRegistry.get("eventProcessor.latency").gauge().value()).isEqualTo(3000.0 - 2000.0 + 18.0);
    }

    private enum Outcome {
        SUCCESS(5), FAILURE(7), IGNORED(1);

        final long millis;

        Outcome(long millis) {
            this.millis = millis;
        }
    }

    private static EventMessage<?> event(Object payload, Instant timestamp) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, Map.of(), timestamp);
    }

    /** Every meter as "name [tags] TYPE" → its count (counters, timers; not gauges: they read the clock). */
    private static Map<String, String> describe(MeterRegistry registry) {
        Map<String, String> meters = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String key = meter.getId().getName() + " " + meter.getId().getTags().stream()
                    .map(t -> t.getKey() + "=" + t.getValue()).toList() + " " + meter.getId().getType();
            String value = "";
            if (meter instanceof Counter counter) {
                value = String.valueOf(counter.count());
            } else if (meter instanceof Timer timer) {
                value = String.valueOf(timer.count());
            }
            meters.put(key, value);
        }
        return meters;
    }
}

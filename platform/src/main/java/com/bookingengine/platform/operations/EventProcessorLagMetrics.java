package com.bookingengine.platform.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

import java.util.Collection;

/**
 * {@code booking.processor.lag} (Prometheus: {@code booking_processor_lag_events{processorName=...}}): how many events
 * of the store a streaming processor of this node has not handled yet, read at every scrape. Axon's own
 * {@code eventProcessor.latency} says how old the last handled event was, and stays at that value while no event
 * arrives (or while the processor stands still); this one says how far behind it is now. A node that holds none of
 * the processor's segments reports no value: the node holding them does.
 */
public class EventProcessorLagMetrics implements ApplicationListener<ApplicationStartedEvent> {

    static final String NAME = "booking.processor.lag";

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry registry;

    public EventProcessorLagMetrics(EventProcessingConfiguration processing, EventStore eventStore,
                                    MeterRegistry registry) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.registry = registry;
    }

    /** Processors exist once Axon has started, so their gauges are registered then. */
    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .forEach(processor -> Gauge.builder(NAME, () -> lag(processor))
                        .tag("processorName", processor.getName())
                        .baseUnit("events")
                        .description("Events in the store this node's processor has not handled yet")
                        .strongReference(true)
                        .register(registry));
    }

    private double lag(StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        if (segments.isEmpty()) {
            return Double.NaN;
        }
        long position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(-1)).min().orElse(-1);
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        return Math.max(0, headPosition - position);
    }
}

package com.bookingengine.standalone;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until every projection has processed the events stored so far. In the embedded default the command and
 * query sides share one JVM, and SPEC §4 promises that a query issued after a command's response already sees
 * it; split deployments make no such promise (projections lag by well under a second).
 */
@Component
public class ProjectionCatchUp {

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;

    public ProjectionCatchUp(EventStore eventStore, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.processing = processing;
    }

    /** Returns when caught up, or after {@code patience} at the latest: a stalled projection never blocks writes. */
    public boolean await(Duration patience) {
        TrackingToken head = eventStore.createHeadToken();
        long target = head == null ? -1 : head.position().orElse(-1);
        long deadline = System.nanoTime() + patience.toNanos();
        List<StreamingEventProcessor> processors = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
        for (StreamingEventProcessor processor : processors) {
            while (!reached(processor, target)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        }
        return true;
    }

    private static boolean reached(StreamingEventProcessor processor, long target) {
        if (!processor.isRunning() || processor.isError()) {
            return true;
        }
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        // A projection being rebuilt answers from a partial read model anyway: commands do not wait for it.
        return !segments.isEmpty() && segments.stream()
                .allMatch(s -> s.isErrorState() || s.isReplaying() || s.getCurrentPosition().orElse(-1) >= target);
    }
}

package com.bookingengine.standalone;

import com.bookingengine.query.admin.ProcessorProgress;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Waits until every projection has processed the events stored so far. In the embedded default the command and
 * query sides share one JVM, and SPEC §4 promises that a query issued after a command's response already sees
 * it; split deployments make no such promise (projections lag by well under a second).
 */
@Component
public class ProjectionCatchUp {

    private final EventStore eventStore;
    private final ProcessorProgress progress;

    public ProjectionCatchUp(EventStore eventStore, ProcessorProgress progress) {
        this.eventStore = eventStore;
        this.progress = progress;
    }

    /** Returns when caught up, or after {@code patience} at the latest: a stalled projection never blocks writes. */
    public boolean await(Duration patience) {
        TrackingToken head = eventStore.createHeadToken();
        long target = head == null ? -1 : head.position().orElse(-1);
        long deadline = System.nanoTime() + patience.toNanos();
        for (StreamingEventProcessor processor : progress.streamingProcessors()) {
            if (!progress.awaitPast(processor, target, deadline)) {
                return false;
            }
        }
        return true;
    }
}

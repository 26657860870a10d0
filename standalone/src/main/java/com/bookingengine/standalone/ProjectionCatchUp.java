package com.bookingengine.standalone;

import com.bookingengine.query.admin.ProcessorAdmin;
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
    private final ProcessorAdmin admin;

    public ProjectionCatchUp(EventStore eventStore, EventProcessingConfiguration processing, ProcessorAdmin admin) {
        this.eventStore = eventStore;
        this.processing = processing;
        this.admin = admin;
    }

    /** Returns when caught up, or after {@code patience} at the latest: a stalled projection never blocks writes. */
    public boolean await(Duration patience) {
        TrackingToken head = eventStore.createHeadToken();
        long target = head == null ? -1 : head.position().orElse(-1);
        long deadline = System.nanoTime() + patience.toNanos();
        List<StreamingEventProcessor> processors = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
        for (StreamingEventProcessor processor : processors) {
            while (true) {
                Boolean here = reachedHere(processor, target);
                if (here == null ? committedPast(processor, target) : here) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                // the token store is a database read: asked less often than this node's own segments
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(here == null ? 20 : 2));
            }
        }
        return true;
    }

    /**
     * Whether the processor has passed {@code target} as far as this node can see, or null when that depends on
     * segments this node does not hold.
     */
    private static Boolean reachedHere(StreamingEventProcessor processor, long target) {
        if (!processor.isRunning() || processor.isError()) {
            return true;
        }
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        // A projection being rebuilt answers from a partial read model anyway: commands do not wait for it.
        boolean held = segments.stream()
                .allMatch(s -> s.isErrorState() || s.isReplaying() || s.getCurrentPosition().orElse(-1) >= target);
        if (!held) {
            return false;
        }
        return holdsEverySegment(segments) ? true : null;
    }

    /**
     * With PostgreSQL several nodes may share the processor: a segment this node does not hold (held by another node,
     * or free for a moment after one left) has advanced only once the token store says so.
     */
    private boolean committedPast(StreamingEventProcessor processor, long target) {
        return admin.committedProgress(processor.getName()).map(p -> p.position() >= target).orElse(true);
    }

    /** Whether the segments this node holds cover the processor's whole range (each covers 1 / (mask + 1) of it). */
    private static boolean holdsEverySegment(Collection<EventTrackerStatus> segments) {
        return segments.stream().mapToDouble(s -> 1.0 / (s.getSegment().getMask() + 1)).sum() >= 1.0 - 1e-9;
    }
}

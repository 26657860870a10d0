package com.bookingengine.query.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a projection has processed the events up to a global position: what a read that must see a change
 * (read-your-writes, a live stream recomputing a read model after an event) waits for.
 */
@Component
public class ProcessorProgress {

    private final EventProcessingConfiguration processing;
    private final ProcessorAdmin admin;

    public ProcessorProgress(EventProcessingConfiguration processing, ProcessorAdmin admin) {
        this.processing = processing;
        this.admin = admin;
    }

    /** Every streaming processor of this node. */
    public List<StreamingEventProcessor> streamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
    }

    /** Waits for processor {@code name}; true when it has passed {@code target}, false after {@code patience}. */
    public boolean awaitPast(String name, long target, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        return streamingProcessors().stream().filter(p -> p.getName().equals(name))
                .allMatch(p -> awaitPast(p, target, deadline));
    }

    /** True when {@code processor} has passed {@code target}, false once {@link System#nanoTime()} is past deadline. */
    public boolean awaitPast(StreamingEventProcessor processor, long target, long deadlineNanos) {
        while (true) {
            Boolean here = reachedHere(processor, target);
            if (here == null ? committedPast(processor, target) : here) {
                return true;
            }
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            // the token store is a database read: asked less often than this node's own segments
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(here == null ? 20 : 2));
        }
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
        // A projection being rebuilt answers from a partial read model anyway: nobody waits for it.
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

package com.bookingengine.query.position;

import com.bookingengine.query.admin.ProcessorAdmin;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether a projection (a streaming processor) has processed the event at a global position of the event store: the
 * token of every segment has passed it. With the JPA and JDBC stores a token is gap-aware: a position below its index
 * that it still lists as a gap (an insert not yet committed when the processor read past it) is not processed yet.
 * A projection that is stopped, failing or being rebuilt (replay) is not waited for: it would hold every read,
 * and a rebuilt one answers from a partial read model anyway.
 */
@Component
public class ReadModelPositions {

    private final EventProcessingConfiguration processing;
    private final ProcessorAdmin admin;
    private final EventStore eventStore;

    public ReadModelPositions(EventProcessingConfiguration processing, ProcessorAdmin admin, EventStore eventStore) {
        this.processing = processing;
        this.admin = admin;
        this.eventStore = eventStore;
    }

    /** The position of the last event stored now; -1 for an empty store, or when the store does not answer. */
    public long head() {
        try {
            TrackingToken head = eventStore.createHeadToken();
            return head == null ? -1 : head.position().orElse(-1);
        } catch (RuntimeException e) {
            // Axon Server unreachable: the projections are not running either, so there is nothing to wait for
            return -1;
        }
    }

    /**
     * Waits until each of {@code processors} has reached {@code position}: its index is there, whether or not an
     * event below it is still a gap (what "caught up with the head" means; a gap left by a rolled-back insert can
     * last a minute, so waiting for none would stall).
     */
    public boolean awaitReached(Collection<String> processors, long position, Duration patience) {
        return await(processors, List.of(position), patience, false);
    }

    /** The names of every projection of this node. */
    public List<String> all() {
        return streaming().stream().map(StreamingEventProcessor::getName).sorted().toList();
    }

    /**
     * Waits until each of {@code processors} has processed every one of {@code positions}, for {@code patience} at
     * most; answers whether they have.
     */
    public boolean await(Collection<String> processors, Collection<Long> positions, Duration patience) {
        return await(processors, positions, patience, true);
    }

    private boolean await(Collection<String> processors, Collection<Long> positions, Duration patience,
                          boolean exact) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (String name : processors) {
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElse(null);
            if (processor == null) {
                continue;
            }
            for (long position : positions) {
                while (true) {
                    Boolean here = passedHere(processor, position, exact);
                    if (here == null ? committedPast(name, position, exact) : here) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                    // the token store is a database read: asked less often than this node's own segments
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(here == null ? 20 : 1));
                }
            }
        }
        return true;
    }

    /**
     * Those of {@code positions} that every projection has processed, as this node sees it now (its own segments, and
     * the token store for segments it does not hold, read once per projection).
     */
    public List<Long> processedEverywhere(Collection<Long> positions) {
        List<Long> processed = new ArrayList<>(positions);
        for (StreamingEventProcessor processor : streaming()) {
            List<TrackingToken> committed = null;
            for (Iterator<Long> it = processed.iterator(); it.hasNext(); ) {
                long position = it.next();
                Boolean here = passedHere(processor, position, true);
                if (here == null && committed == null) {
                    committed = admin.committedTokens(processor.getName()).orElse(List.of());
                }
                if (here == null ? !passedAll(committed, position, true) : !here) {
                    it.remove();
                }
            }
        }
        return processed;
    }

    private List<StreamingEventProcessor> streaming() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
    }

    /**
     * Whether the processor has passed {@code position} as far as this node can see, or null when that depends on
     * segments this node does not hold (several nodes share the processor, or one just left).
     */
    private static Boolean passedHere(StreamingEventProcessor processor, long position, boolean exact) {
        if (!processor.isRunning() || processor.isError()) {
            return true;
        }
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        boolean passed = segments.stream().allMatch(s -> s.isErrorState() || s.isReplaying()
                || passed(s.getTrackingToken(), position, exact));
        if (!passed) {
            return false;
        }
        return holdsEverySegment(segments) ? true : null;
    }

    /** What the token store says: every segment's committed token has passed {@code position}. */
    private boolean committedPast(String processor, long position, boolean exact) {
        return admin.committedTokens(processor).map(tokens -> passedAll(tokens, position, exact)).orElse(true);
    }

    private static boolean passedAll(List<TrackingToken> tokens, long position, boolean exact) {
        return tokens.stream().allMatch(t -> t instanceof ReplayToken || passed(t, position, exact));
    }

    /** Whether a token has processed the event at {@code position} (exact), or has reached it (not exact). */
    static boolean passed(TrackingToken token, long position, boolean exact) {
        if (token == null) {
            return position < 0;
        }
        if (exact && token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return token.position().orElse(-1) >= position;
    }

    /** Whether the segments this node holds cover the processor's whole range (each covers 1 / (mask + 1) of it). */
    private static boolean holdsEverySegment(Collection<EventTrackerStatus> segments) {
        return segments.stream().mapToDouble(s -> 1.0 / (s.getSegment().getMask() + 1)).sum() >= 1.0 - 1e-9;
    }
}

package com.bookingengine.platform.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The event source of the tracking processors, which lingers a moment when a processor that had caught up is woken
 * by a new event, so that the events committed meanwhile join its batch. A tracking processor on the node that
 * appends is woken by every commit and, under load, handled about one event per transaction: each with its own
 * token update and commit, in each of the processing groups. A processor that is behind (a replay, a node catching
 * up) finds events waiting and never lingers.
 * <p>
 * {@linkplain #paced Paced}, a processor takes a batch at most once per interval while it keeps up: after a batch
 * that was not full it waits until the interval has passed since that batch began, so that the events stored meanwhile
 * make one batch, one transaction and one token update. The first event after a quiet interval is taken at once, and a
 * processor that is behind (its last batch was full) is never held back.
 */
public final class LingeringEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final long lingerNanos;
    private final long paceNanos;
    private final int fullBatch;

    LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> source, Duration linger) {
        this(source, linger, Duration.ZERO, Integer.MAX_VALUE);
    }

    private LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> source, Duration linger,
                                 Duration pace, int fullBatch) {
        this.source = source;
        this.lingerNanos = linger.toNanos();
        this.paceNanos = pace.toNanos();
        this.fullBatch = fullBatch;
    }

    /**
     * A source whose processor takes a batch at most once per {@code pace} unless its last batch held
     * {@code batchSize} events (the processor's batch size: it is behind).
     */
    public static LingeringEventSource paced(StreamableMessageSource<TrackedEventMessage<?>> source, Duration pace,
                                             int batchSize) {
        return new LingeringEventSource(source, Duration.ZERO, pace, batchSize);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new Lingering(source.openStream(token));
    }

    @Override
    public TrackingToken createTailToken() {
        return source.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return source.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return source.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return source.createTokenSince(duration);
    }

    private final class Lingering implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        /** When the last batch began (its first event was found), and how many events it has taken since. */
        private long batchBegan = System.nanoTime() - paceNanos;
        private int taken;

        Lingering(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        /** The processor asks this once before each batch. */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (taken < fullBatch) {
                long early = batchBegan + paceNanos - System.nanoTime();
                if (early > 0) {
                    TimeUnit.NANOSECONDS.sleep(early);
                }
            }
            boolean available = stream.hasNextAvailable();
            if (!available && stream.hasNextAvailable(timeout, unit)) {
                TimeUnit.NANOSECONDS.sleep(lingerNanos);
                available = true;
            }
            if (available) {
                batchBegan = System.nanoTime();
                taken = 0;
            }
            return available;
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            taken++;
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}

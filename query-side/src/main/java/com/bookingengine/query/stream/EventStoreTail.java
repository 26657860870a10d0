package com.bookingengine.query.stream;

import com.bookingengine.query.booking.BookingAsOf;
import com.bookingengine.query.booking.BookingChanges;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one reader per node that follows the shared event store from its head and hands every new event to the open
 * streams. It reads the store itself, not this node's projections or command bus, so streams work on any query node
 * whichever node wrote the events. Started by the first subscriber, stopped with the engine.
 * <p>
 * A subscriber registers under the same lock the reader holds while it hands an event out, and learns the position
 * of the last event handed out before it: everything later reaches it live, everything up to there it reads itself
 * ({@link #read}). That split is what lets a reconnecting client see every change exactly once.
 */
@Component
class EventStoreTail {

    private static final Logger log = LoggerFactory.getLogger(EventStoreTail.class);
    private static final long POLL_MILLIS = 500;

    private final EventStore eventStore;
    private final BookingAsOf history;
    private final Set<Consumer<StoredEvent>> listeners = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private long position = -1;
    private boolean gapAware = true;
    private Thread reader;
    private volatile boolean stopped;

    EventStoreTail(EventStore eventStore, BookingAsOf history) {
        this.eventStore = eventStore;
        this.history = history;
    }

    /** Adds a listener and answers the position of the last event handed out before it (-1: none stored). */
    long subscribe(Consumer<StoredEvent> listener) {
        synchronized (lock) {
            if (stopped) {
                throw new IllegalStateException("The engine is shutting down");
            }
            if (reader == null) {
                TrackingToken head = eventStore.createHeadToken();
                gapAware = head == null || head instanceof GapAwareTrackingToken;
                position = head == null ? -1 : head.position().orElse(-1);
                reader = new Thread(() -> follow(head), "stream-tail");
                reader.setDaemon(true);
                reader.start();
            }
            listeners.add(listener);
            return position;
        }
    }

    void unsubscribe(Consumer<StoredEvent> listener) {
        listeners.remove(listener);
    }

    int listeners() {
        return listeners.size();
    }

    /** Opens a private read of the store after {@code position}: what a reconnecting subscriber catches up from. */
    BlockingStream<TrackedEventMessage<?>> read(long position) {
        return eventStore.openStream(position < 0 ? null : gapAware
                ? GapAwareTrackingToken.newInstance(position, Set.of()) : new GlobalSequenceTrackingToken(position));
    }

    BookingChanges newBookingChanges() {
        return new BookingChanges(history);
    }

    void stop() {
        Thread running;
        synchronized (lock) {
            stopped = true;
            running = reader;
        }
        listeners.clear();
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void follow(TrackingToken head) {
        TrackingToken token = head;
        BookingChanges changes = newBookingChanges();
        while (!stopped) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(token)) {
                while (!stopped) {
                    if (stream.hasNextAvailable((int) POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        TrackedEventMessage<?> message = stream.nextAvailable();
                        token = message.trackingToken();
                        handOut(message, changes);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                log.warn("Live streams: reading the event store failed, reading on in a second: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void handOut(TrackedEventMessage<?> message, BookingChanges changes) {
        synchronized (lock) {
            if (listeners.isEmpty()) {
                changes.forget(message);
            } else {
                StoredEvent event = StoredEvent.of(message, changes);
                listeners.forEach(listener -> listener.accept(event));
            }
            position = Math.max(position, message.trackingToken().position().orElse(position));
        }
    }
}

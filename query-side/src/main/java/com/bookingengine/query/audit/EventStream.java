package com.bookingengine.query.audit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The global event stream from a position on, as stored (upcast), for every reader of the whole store: the auditors'
 * {@code /events} and a webhook's replay. Close the stream when done.
 */
@Component
public class EventStream {

    /** How long a read of the global stream from Axon Server waits for the next event before it calls the page done. */
    private static final int STREAM_PATIENCE_MS = 2_000;

    private final EventStore eventStore;
    /** The relational store's engine; absent when Axon Server stores the events. */
    private final EventStorageEngine storage;

    EventStream(EventStore eventStore, ObjectProvider<EventStorageEngine> storage) {
        this.eventStore = eventStore;
        this.storage = storage.getIfAvailable();
    }

    /** The events after position {@code after} (exclusive; null for the first), up to the head. */
    public Stream<? extends TrackedEventMessage<?>> after(Long after) {
        if (storage != null) {
            return storage.readEvents(after == null ? null : GapAwareTrackingToken.newInstance(after, Set.of()), false);
        }
        return readFromEventStore(after);
    }

    /** The position of the newest stored event, or -1 when the store is empty. */
    public long head() {
        TrackingToken headToken = eventStore.createHeadToken();
        return headToken == null ? -1 : headToken.position().orElse(-1);
    }

    /**
     * The global stream as Axon Server serves it: an open-ended stream, read up to the head it had when the request
     * came in (later events belong to the next page).
     */
    private Stream<? extends TrackedEventMessage<?>> readFromEventStore(Long after) {
        long head = head();
        BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(
                after == null ? null : new GlobalSequenceTrackingToken(after));
        Iterator<TrackedEventMessage<?>> upToHead = new Iterator<>() {
            private TrackedEventMessage<?> next;
            private boolean done = head < 0;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                try {
                    if (done || !stream.hasNextAvailable(STREAM_PATIENCE_MS, TimeUnit.MILLISECONDS)) {
                        return false;
                    }
                    next = stream.nextAvailable();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                done = next.trackingToken().position().orElse(Long.MAX_VALUE) >= head;
                return true;
            }

            @Override
            public TrackedEventMessage<?> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TrackedEventMessage<?> event = next;
                next = null;
                return event;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(upToHead, Spliterator.ORDERED), false)
                .onClose(stream::close);
    }
}

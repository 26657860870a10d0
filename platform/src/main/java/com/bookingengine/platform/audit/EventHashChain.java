package com.bookingengine.platform.audit;

import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import com.bookingengine.platform.postgres.StoredTimestamps;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every domain event with {@link EventHash#KEY} just before it is appended. Axon hands this interceptor
 * the whole batch of a unit of work at commit time, in order; an aggregate's first event in the batch chains to
 * the hash of its latest stored event, later ones to their predecessor in the batch.
 * <p>
 * The latest stored hash comes from a bounded memory of the hashes this node committed (aggregate, sequence number,
 * hash: a committed event never changes, so an entry is right for as long as it names the event just before), and
 * only when that misses from the store: on a busy aggregate (a class session taking bookings) this saves a query and
 * the deserialization of the previous event per append.
 * <p>
 * The stamped event carries the payload bytes its hash covers ({@link StampedEvent}): the event store writes those
 * bytes rather than serializing the payload a second time (Axon's copy of a message with new metadata forgets its
 * serialized payload).
 */
public class EventHashChain implements MessageDispatchInterceptor<EventMessage<?>> {

    /** Aggregates whose latest committed hash this node remembers. */
    static final int REMEMBERED_AGGREGATES = 10_000;

    private final EventStore eventStore;
    private final Serializer eventSerializer;
    private final Map<String, Committed> committed = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Committed> eldest) {
            return size() > REMEMBERED_AGGREGATES;
        }
    };

    /** The hash of an aggregate's event with this sequence number, as this node committed it. */
    private record Committed(long sequenceNumber, String hash) {
    }

    public EventHashChain(EventStore eventStore, Serializer eventSerializer) {
        this.eventStore = eventStore;
        this.eventSerializer = eventSerializer;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Map<String, Committed> lastHash = new HashMap<>();
        List<EventMessage<?>> stamped = new ArrayList<>(messages.size());
        for (EventMessage<?> message : messages) {
            if (message instanceof DomainEventMessage<?> event && event.getAggregateIdentifier() != null) {
                String previous = lastHash.containsKey(event.getAggregateIdentifier())
                        ? lastHash.get(event.getAggregateIdentifier()).hash()
                        : hashBefore(event);
                SerializedObject<byte[]> payload = event.serializePayload(eventSerializer, byte[].class);
                String hash = hash(event, payload, previous);
                lastHash.put(event.getAggregateIdentifier(), new Committed(event.getSequenceNumber(), hash));
                stamped.add(new StampedEvent<>(event, hash, eventSerializer, payload));
            } else {
                stamped.add(message);
            }
        }
        // Remembered only once stored: a rolled-back append (a lost race for the sequence number) leaves no trace.
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.root().afterCommit(u -> remember(lastHash)));
        return (index, message) -> stamped.get(index);
    }

    private String hash(DomainEventMessage<?> event, SerializedObject<byte[]> payload, String previous) {
        MetaData metaData = event.getMetaData();
        return EventHash.of(previous, event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getIdentifier(), StoredTimestamps.format(event.getTimestamp()),
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                text(metaData.get(AxonMessagingConfiguration.ACTOR)),
                text(metaData.get(AxonMessagingConfiguration.CORRELATION_ID)),
                text(metaData.get(AxonMessagingConfiguration.CAUSATION_ID)));
    }

    private String hashBefore(DomainEventMessage<?> event) {
        Committed known;
        synchronized (committed) {
            known = committed.get(event.getAggregateIdentifier());
        }
        return known != null && known.sequenceNumber() == event.getSequenceNumber() - 1
                ? known.hash()
                : storedHashBefore(event);
    }

    private void remember(Map<String, Committed> hashes) {
        synchronized (committed) {
            hashes.forEach((aggregate, latest) -> committed.merge(aggregate, latest,
                    (old, now) -> now.sequenceNumber() > old.sequenceNumber() ? now : old));
        }
    }

    /** The hash of the aggregate's event just before this one, as stored; empty for an aggregate's first event. */
    private String storedHashBefore(DomainEventMessage<?> event) {
        long previous = event.getSequenceNumber() - 1;
        if (previous < 0) {
            return "";
        }
        return eventStore.readEvents(event.getAggregateIdentifier(), previous).asStream()
                .filter(e -> e.getSequenceNumber() == previous && e.getMetaData().containsKey(EventHash.KEY))
                .map(e -> text(e.getMetaData().get(EventHash.KEY)))
                .findFirst()
                .orElse("");
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

package com.bookingengine.platform.audit;

import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every domain event with {@link EventHash#KEY} just before it is appended. Axon hands this interceptor
 * the whole batch of a unit of work at commit time, in order; an aggregate's first event in the batch chains to
 * the hash of its latest stored event, later ones to their predecessor in the batch.
 */
public class EventHashChain implements MessageDispatchInterceptor<EventMessage<?>> {

    private final EventStore eventStore;
    private final Serializer eventSerializer;

    public EventHashChain(EventStore eventStore, Serializer eventSerializer) {
        this.eventStore = eventStore;
        this.eventSerializer = eventSerializer;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Map<String, String> lastHash = new HashMap<>();
        List<EventMessage<?>> stamped = new ArrayList<>(messages.size());
        for (EventMessage<?> message : messages) {
            if (message instanceof DomainEventMessage<?> event && event.getAggregateIdentifier() != null) {
                String previous = lastHash.containsKey(event.getAggregateIdentifier())
                        ? lastHash.get(event.getAggregateIdentifier())
                        : storedHashBefore(event);
                String hash = hash(event, previous);
                lastHash.put(event.getAggregateIdentifier(), hash);
                stamped.add(event.andMetaData(Map.of(EventHash.KEY, hash)));
            } else {
                stamped.add(message);
            }
        }
        return (index, message) -> stamped.get(index);
    }

    private String hash(DomainEventMessage<?> event, String previous) {
        SerializedObject<byte[]> payload = event.serializePayload(eventSerializer, byte[].class);
        MetaData metaData = event.getMetaData();
        return EventHash.of(previous, event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getIdentifier(), DateTimeUtils.formatInstant(event.getTimestamp()),
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                text(metaData.get(AxonMessagingConfiguration.ACTOR)),
                text(metaData.get(AxonMessagingConfiguration.CORRELATION_ID)),
                text(metaData.get(AxonMessagingConfiguration.CAUSATION_ID)));
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

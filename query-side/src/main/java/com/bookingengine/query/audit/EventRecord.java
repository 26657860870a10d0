package com.bookingengine.query.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event as auditors read it. {@code position} is its place in the global stream (null in a single
 * aggregate's history), {@code type} the payload's simple class name.
 */
public record EventRecord(Long position, String aggregateId, Long sequence, String type, Instant timestamp,
                          Object payload, Map<String, ?> metadata) {

    static EventRecord of(EventMessage<?> event) {
        Long position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        String aggregateId = null;
        Long sequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        return new EventRecord(position, aggregateId, sequence, event.getPayloadType().getSimpleName(),
                event.getTimestamp(), event.getPayload(), event.getMetaData());
    }
}

package com.bookingengine.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads stored events for auditors, one at a time, and survives the ones that no longer read back. Axon
 * deserializes a payload only when it is asked for, so a payload that is not valid JSON for its type (an old bug, a
 * manual edit) fails exactly here: that event becomes an {@link EventRecord} flagged unreadable, with a short reason
 * and its stored form, and the reader goes on with the next one.
 */
@Component
public class EventReader {

    private static final Logger log = LoggerFactory.getLogger(EventReader.class);
    private static final int MAX_REASON = 200;

    private final Serializer eventSerializer;
    /** The rows of the relational event table; null when Axon Server stores the events. */
    private final JdbcTemplate rows;

    EventReader(@Qualifier("eventSerializer") Serializer eventSerializer, ObjectProvider<EventStorageEngine> storage,
                JdbcTemplate jdbc) {
        this.eventSerializer = eventSerializer;
        this.rows = storage.getIfAvailable() != null ? jdbc : null;
    }

    public EventRecord read(EventMessage<?> event) {
        Long position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        String aggregateId = null;
        Long sequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        String problem = null;
        Object payload = null;
        try {
            payload = event.getPayload();
            if (payload instanceof UnknownSerializedType unknown) {
                problem = "this engine knows no event type " + unknown.serializedType().getName();
            }
        } catch (RuntimeException | LinkageError e) {
            problem = "the stored payload does not read back: " + brief(e);
        }
        Map<String, ?> metadata = null;
        try {
            metadata = event.getMetaData();
        } catch (RuntimeException | LinkageError e) {
            problem = (problem == null ? "" : problem + "; ") + "the stored metadata does not read back: " + brief(e);
        }
        Instant timestamp = null;
        try {
            timestamp = event.getTimestamp();
        } catch (RuntimeException e) {
            problem = (problem == null ? "" : problem + "; ") + "the stored timestamp does not read back";
        }
        if (problem == null) {
            return EventRecord.readable(position, aggregateId, sequence, event.getPayloadType().getSimpleName(),
                    timestamp, payload, metadata);
        }
        log.warn("Stored event {} (aggregate {}, sequence {}, position {}) cannot be read: {}", event.getIdentifier(),
                aggregateId, sequence, position, problem);
        EventRecord.Stored stored = stored(event);
        String typeName = stored.payloadType() != null ? stored.payloadType() : event.getPayloadType().getName();
        return new EventRecord(position, aggregateId, sequence, simpleName(typeName), timestamp, null, metadata,
                true, problem, stored);
    }

    /**
     * The event as stored: the row itself where the events live in this database (before any upcaster touched it),
     * else the serialized form the event store handed over (Axon Server).
     */
    private EventRecord.Stored stored(EventMessage<?> event) {
        if (rows != null) {
            List<EventRecord.Stored> row = rows.query("select payload_type, payload_revision, payload, meta_data "
                            + "from domain_event_entry where event_identifier = ?",
                    (r, i) -> new EventRecord.Stored(r.getString(1), r.getString(2), text(r.getBytes(3)),
                            text(r.getBytes(4))), event.getIdentifier());
            if (!row.isEmpty()) {
                return row.get(0);
            }
        }
        String type = null;
        String revision = null;
        String payload = null;
        String metadata = null;
        try {
            SerializedObject<byte[]> serialized = event.serializePayload(eventSerializer, byte[].class);
            type = serialized.getType().getName();
            revision = serialized.getType().getRevision();
            payload = text(serialized.getData());
        } catch (RuntimeException | LinkageError e) {
            log.debug("No stored form of the payload of event {}", event.getIdentifier(), e);
        }
        try {
            metadata = text(event.serializeMetaData(eventSerializer, byte[].class).getData());
        } catch (RuntimeException | LinkageError e) {
            log.debug("No stored form of the metadata of event {}", event.getIdentifier(), e);
        }
        return new EventRecord.Stored(type, revision, payload, metadata);
    }

    /** What went wrong in one line: Jackson's complaint without its location and source excerpt, capped. */
    static String brief(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                message = json.getOriginalMessage();
                break;
            }
            message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        }
        String line = message == null ? failure.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 1) + "…";
    }

    static String simpleName(String typeName) {
        return typeName.substring(Math.max(typeName.lastIndexOf('.'), typeName.lastIndexOf('$')) + 1);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}

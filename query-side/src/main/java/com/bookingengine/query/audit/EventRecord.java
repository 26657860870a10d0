package com.bookingengine.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event as auditors read it. {@code position} is its place in the global stream (null in a single
 * aggregate's history), {@code type} the payload's simple class name.
 * <p>
 * An event that no longer reads back (a payload or metadata an old version or a manual edit left unreadable, a type
 * this engine does not know) comes with {@code unreadable: true}, a short {@code reason} and its {@code stored}
 * form as text instead of {@code payload}, so one bad row never hides the rest of the history (docs/AUDIT.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventRecord(Long position, String aggregateId, Long sequence, String type, Instant timestamp,
                          Object payload, Map<String, ?> metadata, Boolean unreadable, String reason,
                          Stored stored) {

    /** An unreadable event exactly as the store holds it: type, revision, payload and metadata as (UTF-8) text. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stored(String payloadType, String payloadRevision, String payload, String metadata) {
    }

    static EventRecord readable(Long position, String aggregateId, Long sequence, String type, Instant timestamp,
                                Object payload, Map<String, ?> metadata) {
        return new EventRecord(position, aggregateId, sequence, type, timestamp, payload, metadata, null, null, null);
    }

    /** The same event as one aggregate's history lists it: without its global position and aggregate id. */
    EventRecord inHistory() {
        return new EventRecord(null, null, sequence, type, timestamp, payload, metadata, unreadable, reason, stored);
    }
}

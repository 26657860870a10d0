package com.bookingengine.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper-evidence hash of one stored event (docs/AUDIT.md). Each event's hash covers its predecessor's
 * hash in the same aggregate, so altering, removing or reordering any stored event breaks every later link.
 * Inputs are exactly what the event store keeps, so an auditor can recompute them with SQL and sha256sum.
 */
public final class EventHash {

    /** The metadata key holding an event's hash. */
    public static final String KEY = "hash";

    private EventHash() {
    }

    /**
     * @param previousHash the hash of the aggregate's previous event; empty for its first event
     * @param timestamp    the timestamp as the event store keeps it (ISO-8601 UTC with milliseconds)
     * @param payload      the serialized payload bytes as stored
     */
    public static String of(String previousHash, String aggregateId, long sequenceNumber, String eventId,
                            String timestamp, String payloadType, String payloadRevision, byte[] payload,
                            String actor, String correlationId, String causationId) {
        String canonical = String.join("\n", nullToEmpty(previousHash), aggregateId, Long.toString(sequenceNumber),
                eventId, timestamp, payloadType, nullToEmpty(payloadRevision), sha256(payload),
                nullToEmpty(actor), nullToEmpty(correlationId), nullToEmpty(causationId));
        return sha256(canonical.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

package com.bookingengine.api.common;

/**
 * Who caused a message, as every message's metadata records it: the caller's API key name, or {@link #SYSTEM} for
 * what the engine does on its own (promotions, checkout expiry). The audit chain and history read it back.
 */
public final class ActorMetadata {

    /** The metadata key naming who caused a message. */
    public static final String KEY = "actor";
    /** The actor of what the engine applies on its own, not on a caller's behalf. */
    public static final String SYSTEM = "system";

    private ActorMetadata() {
    }
}

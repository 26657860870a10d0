package com.bookingengine.query.position;

import java.util.Collection;

/**
 * The events this node's own command side has answered for, where the command and query sides share a JVM (the
 * standalone jar): a query waits until its read model has processed them, so a query issued after a command's
 * answer sees it (SPEC §4) without the command waiting for the projections.
 */
public interface LocalWrites {

    /** The positions answered and not yet known to be processed by every projection. */
    Collection<Long> pending();

    /** Forgets the positions every projection has processed. */
    void processed(Collection<Long> positions);
}

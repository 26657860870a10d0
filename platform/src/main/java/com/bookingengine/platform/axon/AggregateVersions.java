package com.bookingengine.platform.axon;

import java.util.Collection;
import java.util.Map;

/**
 * An event storage engine that tells the versions (highest stored sequence numbers) of several aggregates in one
 * read, where Axon's {@code lastSequenceNumberFor} asks once per aggregate.
 */
public interface AggregateVersions {

    /**
     * The highest stored sequence number of each of {@code aggregateIds} that has events; an aggregate without events
     * is not in the map. Read in the transaction of the caller, where there is one.
     */
    Map<String, Long> lastSequenceNumbersFor(Collection<String> aggregateIds);
}

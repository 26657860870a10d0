package com.bookingengine.command.caching;

import com.bookingengine.platform.axon.AggregateVersions;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The versions (highest stored sequence numbers) of the aggregates a command is about to use, read from the event
 * store in one statement at the command's start and kept in its unit of work. A cached aggregate
 * ({@link VersionCheckedCache}) or service's terms checked against the store then cost no statement of their own, and
 * a booking id without events is known to be new without reading its events: on PostgreSQL a booking sent three
 * statements for these (docs/BENCHMARKS.md, "The database's time by statement").
 * <p>
 * The versions are read before the command takes its aggregates' locks. An aggregate this node committed since then
 * is newer in the cache than what was read; it was current when it committed, after the command began, so it is as
 * good as a version read at that instant. Another node's commit after the read is met as a check at use met one
 * right after it: an append at a sequence number the store holds is refused by its unique key and the command
 * retried, and a refusal is ordered before that commit.
 * <p>
 * Only where cached copies are checked at all ({@code booking.aggregate-cache.verify}, on except on the embedded
 * default, where this process is the store's only writer); elsewhere {@link #prefetch} does nothing.
 */
@Component
public class StoredVersions {

    private static final String RESOURCE = StoredVersions.class.getName();

    private final boolean verify;
    /** How the versions are read: looked up in the bean factory at the first command, not at every one. */
    private final Supplier<Function<Set<String>, Map<String, Long>>> reader;

    @Autowired
    public StoredVersions(@Value("${booking.aggregate-cache.verify:true}") boolean verify,
                          ObjectProvider<EventStorageEngine> engine, ObjectProvider<EventStore> eventStore) {
        this(verify, SingletonSupplier.<Function<Set<String>, Map<String, Long>>>of(() ->
                engine.getIfAvailable() instanceof AggregateVersions versions ? versions::lastSequenceNumbersFor
                        : ids -> oneByOne(eventStore.getObject(), ids)));
    }

    private StoredVersions(boolean verify, Supplier<Function<Set<String>, Map<String, Long>>> reader) {
        this.verify = verify;
        this.reader = reader;
    }

    /** Reads nothing: for a process that is its event store's only writer, whose cached copies are not checked. */
    public static StoredVersions soleWriter() {
        return new StoredVersions(false, () -> ids -> Map.of());
    }

    /** Reads the versions of the given aggregates (nulls and blanks skipped) into the current unit of work. */
    public void prefetch(String... aggregateIds) {
        if (!verify || !CurrentUnitOfWork.isStarted()) {
            return;
        }
        Set<String> ids = Arrays.stream(aggregateIds).filter(id -> id != null && !id.isBlank())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!ids.isEmpty()) {
            Map<String, Long> stored = reader.get().apply(ids);
            Map<String, Optional<Long>> read = ids.stream()
                    .collect(Collectors.toMap(id -> id, id -> Optional.ofNullable(stored.get(id))));
            CurrentUnitOfWork.get().root().resources().put(RESOURCE, read);
        }
    }

    /**
     * The version read for the aggregate at the start of the current command: empty when it was not read, an empty
     * version when the aggregate had no events then.
     */
    public static Optional<Optional<Long>> prefetched(String aggregateId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        Map<String, Optional<Long>> read = CurrentUnitOfWork.get().root().getResource(RESOURCE);
        return read == null ? Optional.empty() : Optional.ofNullable(read.get(aggregateId));
    }

    private static Map<String, Long> oneByOne(EventStore store, Set<String> ids) {
        return ids.stream().flatMap(id -> store.lastSequenceNumberFor(id).map(v -> Map.entry(id, v)).stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}

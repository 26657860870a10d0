package com.bookingengine.command.caching;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The aggregate cache of one aggregate type: a bounded in-memory map from aggregate id to the aggregate as this node
 * last committed it, used by Axon's caching repository ({@code @Aggregate(cache = ...)}). An entry is handed out
 * only after the event store has confirmed it is current: the highest sequence number stored for the aggregate
 * (one indexed lookup, no event read) must equal the cached version, or, where the command read its aggregates'
 * versions at its start ({@link StoredVersions}), be no higher than it. When another node (or a rolled-back unit of
 * work) has moved the aggregate on, the entry is dropped and Axon loads the aggregate from its events; so a node
 * never decides on, or refuses with, state another node has changed.
 * <p>
 * A race between that check and the append is still possible; the event store's unique (aggregate, sequence) key
 * refuses the stale append with a {@code ConcurrencyException}, Axon's caching repository evicts the entry on the
 * rollback, and the gateway's retry decides again on fresh state.
 * <p>
 * Where this process is the only writer of its event store (the embedded default: H2 locks its file to one process),
 * nobody else can move an aggregate on, and a unit of work that rolls back evicts what it touched; there the check is
 * left out ({@code booking.aggregate-cache.verify=false}) and an entry is handed out as held.
 */
public class VersionCheckedCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Held> entries;
    private final Supplier<EventStore> eventStore;
    private final boolean verify;

    /** What is cached: Axon's entry and the version of the aggregate it holds, read when it was put. */
    private record Held(Object entry, Long version) {
    }

    /**
     * @param verify whether an entry is checked against the event store before it is handed out: {@code false} only
     *               where this process is the event store's only writer
     */
    public VersionCheckedCache(long maximumSize, Supplier<EventStore> eventStore, boolean verify) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
        this.eventStore = eventStore;
        this.verify = verify;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Held held = entries.getIfPresent(key);
        if (held == null) {
            return null;
        }
        if (!verify) {
            return (V) held.entry();
        }
        String id = String.valueOf(key);
        Optional<Optional<Long>> prefetched = StoredVersions.prefetched(id);
        boolean current = prefetched.isPresent()
                // read at the command's start: an entry this node committed since then is newer, and current
                ? held.version() != null && held.version() >= prefetched.get().orElse(-1L)
                : held.version() != null && Objects.equals(eventStore.get().lastSequenceNumberFor(id).orElse(null),
                        held.version());
        if (!current) {
            entries.invalidate(key);
            return null;
        }
        return (V) held.entry();
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, new Held(value, versionOf(value)));
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, new Held(value, versionOf(value))) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.asMap().containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("The aggregate cache has no listeners");
    }

    /** How many aggregates are held now (for tests and metrics). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /**
     * The version of the aggregate in Axon's cache entry. The entry of an in-memory cache still references the
     * aggregate it was made from (its transient field), which {@code recreateAggregate} returns as it is.
     */
    private static Long versionOf(Object value) {
        if (value instanceof AggregateCacheEntry<?> entry) {
            EventSourcedAggregate<?> aggregate = entry.recreateAggregate(null, null, null, null);
            return aggregate == null ? null : aggregate.version();
        }
        return null;
    }
}

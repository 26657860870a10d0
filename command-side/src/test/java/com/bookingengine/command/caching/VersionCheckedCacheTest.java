package com.bookingengine.command.caching;

import com.bookingengine.api.rules.Rule;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.capacity.ClassSession;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static com.bookingengine.command.UnitsOfWork.inUnitOfWork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two "nodes" (two caching repositories, each with its own cache and lock) over one event store. The in-memory store
 * has no unique (aggregate, sequence) key, so here nothing but the cache's version check stands between a stale
 * cached session and an overbooking, or a refusal of a seat the other node gave back. The check against the
 * versions a command read at its start ({@link StoredVersions}) is tested here on a store that answers one aggregate
 * at a time; the JDBC engine's one statement is {@code H2EventStoreTest}'s.
 */
class VersionCheckedCacheTest {

    private static final Instant START = Instant.parse("2030-01-07T18:00:00Z");

    private final EventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final VersionCheckedCache cacheA = new VersionCheckedCache(100, () -> store, true);
    private final Repository<ClassSession> nodeA = repository(cacheA);
    private final Repository<ClassSession> nodeB = repository(new VersionCheckedCache(100, () -> store, true));
    /** The versions a command reads at its start, from a store that answers one aggregate at a time (Axon Server). */
    private final StoredVersions versions = new StoredVersions(true,
            new StaticListableBeanFactory().getBeanProvider(EventStorageEngine.class),
            new StaticListableBeanFactory(Map.of("eventStore", store)).getBeanProvider(EventStore.class));

    private Repository<ClassSession> repository(VersionCheckedCache cache) {
        return EventSourcingRepository.builder(ClassSession.class).eventStore(store).cache(cache).build();
    }

    @Test
    void aSessionCachedOnOneNodeSeesTheSeatsTheOtherNodeTookAndGaveBack() throws Exception {
        inUnitOfWork(() -> nodeA.newInstance(() -> new ClassSession("s1", "yoga", START, START.plusSeconds(3600), 2)));
        inUnitOfWork(() -> {
            nodeA.load("s1").execute(s -> s.reserve("b1", 1));
            return null;
        });
        assertThat(cacheA.size()).isEqualTo(1);

        inUnitOfWork(() -> {
            nodeB.load("s1").execute(s -> s.reserve("b2", 1));
            return null;
        });
        // node A's cached copy (one seat taken) is stale: it must refuse, as the store says the session is full
        assertThatThrownBy(() -> inUnitOfWork(() -> {
            nodeA.load("s1").execute(s -> s.reserve("b3", 1));
            return null;
        })).isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.rule()).isEqualTo(Rule.NO_OPEN_SPOTS));

        inUnitOfWork(() -> {
            nodeB.load("s1").execute(s -> s.release("b1"));
            return null;
        });
        // and it must see the seat node B gave back, though its copy said full
        inUnitOfWork(() -> {
            nodeA.load("s1").execute(s -> s.reserve("b3", 1));
            return null;
        });
        assertThat(store.readEvents("s1").asStream().count()).isEqualTo(5);
        assertThat(inUnitOfWork(() -> nodeA.load("s1").invoke(ClassSession::openSpots))).isZero();
    }

    @Test
    void anEntryIsHandedOutWhileTheStoreHasNothingNewer() throws Exception {
        inUnitOfWork(() -> nodeA.newInstance(() -> new ClassSession("s2", "yoga", START, START.plusSeconds(3600), 5)));
        Object first = inUnitOfWork(() -> nodeA.load("s2").invoke(s -> s));
        Object again = inUnitOfWork(() -> nodeA.load("s2").invoke(s -> s));
        assertThat(again).isSameAs(first);
    }

    @Test
    void theSoleWritersCacheHandsOutEntriesWithoutAskingTheStoreAndForgetsWhatARollbackTouched() throws Exception {
        AtomicInteger versionLookups = new AtomicInteger();
        EventStore counted = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine() {
            @Override
            public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
                versionLookups.incrementAndGet();
                return super.lastSequenceNumberFor(aggregateIdentifier);
            }
        }).build();
        VersionCheckedCache soleWriter = new VersionCheckedCache(100, () -> counted, false);
        Repository<ClassSession> node = EventSourcingRepository.builder(ClassSession.class)
                .eventStore(counted).cache(soleWriter).build();
        inUnitOfWork(() -> node.newInstance(() -> new ClassSession("s3", "yoga", START, START.plusSeconds(3600), 1)));
        Object cached = inUnitOfWork(() -> node.load("s3").invoke(s -> s));
        inUnitOfWork(() -> node.load("s3").invoke(s -> s));
        assertThat(versionLookups).hasValue(0);

        // a unit of work that took the last seat and then failed must not leave its taken seat in the cache
        assertThatThrownBy(() -> inUnitOfWork(() -> {
            node.load("s3").execute(s -> s.reserve("b1", 1));
            throw new IllegalStateException("the transaction failed after the seat was taken");
        })).isInstanceOf(IllegalStateException.class);
        Object reloaded = inUnitOfWork(() -> node.load("s3").invoke(s -> s));
        assertThat(reloaded).isNotSameAs(cached);
        assertThat(inUnitOfWork(() -> node.load("s3").invoke(ClassSession::openSpots))).isEqualTo(1);
        assertThat(counted.readEvents("s3").asStream().count()).isEqualTo(1);
    }

    @Test
    void eachAggregatesVersionIsKeptInTheUnitOfWorkWithTheIdsThatHaveNone() throws Exception {
        inUnitOfWork(() -> nodeA.newInstance(() -> new ClassSession("s1", "yoga", START, START.plusSeconds(3600), 5)));
        inUnitOfWork(() -> {
            nodeA.load("s1").execute(s -> s.reserve("b1", 1));
            return null;
        });

        inUnitOfWork(() -> {
            versions.prefetch("s1", "new", null, " ");
            assertThat(StoredVersions.prefetched("s1")).contains(Optional.of(1L));
            assertThat(StoredVersions.prefetched("new")).contains(Optional.empty());
            assertThat(StoredVersions.prefetched("not-read")).isEmpty();
            return null;
        });
        assertThat(StoredVersions.prefetched("s1")).as("outside a unit of work").isEmpty();
        inUnitOfWork(() -> {
            StoredVersions.soleWriter().prefetch("s1");
            assertThat(StoredVersions.prefetched("s1")).as("a sole writer reads nothing").isEmpty();
            return null;
        });
    }

    @Test
    void aCachedSessionOlderThanTheReadVersionIsDroppedAndOneThisNodeCommittedSinceIsHandedOut() throws Exception {
        inUnitOfWork(() -> nodeA.newInstance(() -> new ClassSession("s2", "yoga", START, START.plusSeconds(3600), 5)));
        Object cached = inUnitOfWork(() -> nodeA.load("s2").invoke(s -> s));

        // node B moves the session on: node A's copy is older than what a command reads at its start
        inUnitOfWork(() -> {
            nodeB.load("s2").execute(s -> s.reserve("b1", 1));
            return null;
        });
        Object reloaded = inUnitOfWork(() -> {
            versions.prefetch("s2");
            return nodeA.load("s2").invoke(s -> s);
        });
        assertThat(reloaded).isNotSameAs(cached);
        assertThat(inUnitOfWork(() -> nodeA.load("s2").invoke(ClassSession::openSpots))).isEqualTo(4);

        // a command reads the versions, then node A itself commits a booking before the command loads the session
        Object[] committed = new Object[1];
        Object handedOut = inUnitOfWork(() -> {
            versions.prefetch("s2");
            CompletableFuture.runAsync(() -> {
                try {
                    committed[0] = inUnitOfWork(() -> {
                        var session = nodeA.load("s2");
                        session.execute(s -> s.reserve("b2", 1));
                        return session.invoke(s -> s);
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).join();
            return nodeA.load("s2").invoke(s -> s);
        });
        assertThat(handedOut).as("the entry node A committed after the read, not a reload").isSameAs(committed[0]);
        assertThat(inUnitOfWork(() -> nodeA.load("s2").invoke(ClassSession::openSpots))).isEqualTo(3);
    }
}

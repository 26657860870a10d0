package com.bookingengine.platform.audit;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedType;
import org.h2.jdbcx.JdbcDataSource;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes append to one aggregate in turns, each chaining with the hashes it remembers: every stored event must
 * still chain to the event stored just before it, whichever node wrote that one.
 */
class EventHashChainTest {

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    /** Refuses the next append when told to, as a unique-key violation refuses a lost race for a sequence number. */
    private final AtomicBoolean refuseNext = new AtomicBoolean();
    private final EventStorageEngine storage = new InMemoryEventStorageEngine() {
        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            if (refuseNext.getAndSet(false)) {
                throw new IllegalStateException("sequence number taken");
            }
            super.appendEvents(events);
        }
    };

    @Test
    void everyEventChainsToTheStoredOneBeforeItAcrossNodes() {
        EmbeddedEventStore nodeA = node();
        EmbeddedEventStore nodeB = node();
        List<EmbeddedEventStore> writers = List.of(nodeA, nodeA, nodeB, nodeA, nodeA, nodeB, nodeB, nodeA);
        for (int sequence = 0; sequence < writers.size(); sequence++) {
            append(writers.get(sequence), sequence);
        }
        List<? extends DomainEventMessage<?>> stored = storage.readEvents("session-1").asStream().toList();
        assertThat(stored).hasSize(writers.size());
        String previous = "";
        for (DomainEventMessage<?> event : stored) {
            assertThat(event.getMetaData().get(EventHash.KEY)).as("hash of event %d", event.getSequenceNumber())
                    .isEqualTo(expectedHash(event, previous));
            previous = (String) event.getMetaData().get(EventHash.KEY);
        }
    }

    @Test
    void aRolledBackAppendIsNotRemembered() {
        EmbeddedEventStore nodeA = node();
        EmbeddedEventStore nodeB = node();
        append(nodeA, 0);
        refuseNext.set(true);
        assertThatThrownBy(() -> append(nodeA, 1)).hasMessageContaining("taken"); // nodeA lost the race for 1 ...
        append(nodeB, 1); // ... which nodeB stored, with other content
        append(nodeA, 2);
        DomainEventMessage<?> second = storage.readEvents("session-1", 1).asStream().findFirst().orElseThrow();
        DomainEventMessage<?> third = storage.readEvents("session-1", 2).asStream().findFirst().orElseThrow();
        assertThat(third.getMetaData().get(EventHash.KEY))
                .isEqualTo(expectedHash(third, (String) second.getMetaData().get(EventHash.KEY)));
    }

    @Test
    void theEventStoreWritesThePayloadBytesTheHashCoversSerializingThemOnce() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:event-hash-chain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        CountingSerializer counting = new CountingSerializer(serializer);
        JdbcEventStorageEngine jdbc = JdbcEventStorageEngine.builder()
                .connectionProvider(dataSource::getConnection).transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(counting).snapshotSerializer(counting).dataType(byte[].class).build();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String columns = "aggregateIdentifier varchar(255) not null, sequenceNumber bigint not null,"
                    + " type varchar(255), eventIdentifier varchar(255) not null unique, metaData blob,"
                    + " payload blob not null, payloadRevision varchar(255), payloadType varchar(255) not null,"
                    + " timeStamp varchar(255) not null";
            statement.execute("create table DomainEventEntry (globalIndex bigint auto_increment primary key, "
                    + columns + ", unique (aggregateIdentifier, sequenceNumber))");
            statement.execute("create table SnapshotEventEntry (" + columns
                    + ", primary key (aggregateIdentifier, sequenceNumber))");
        }
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(jdbc).build();
        store.registerDispatchInterceptor(new EventHashChain(store, counting));
        try {
            append(store, 0);
            append(store, 1);
        } finally {
            store.shutDown();
        }
        assertThat(counting.payloadsSerialized).as("payload serializations for two appended events").hasValue(2);
        String previous = "";
        for (DomainEventMessage<?> event : store.readEvents("session-1").asStream().toList()) {
            assertThat(event.getMetaData().get(EventHash.KEY)).isEqualTo(expectedHash(event, previous));
            previous = (String) event.getMetaData().get(EventHash.KEY);
        }
    }

    /** The test's serializer, counting the payloads (strings) it serializes. */
    private static final class CountingSerializer implements Serializer {

        private final Serializer delegate;
        private final AtomicInteger payloadsSerialized = new AtomicInteger();

        private CountingSerializer(Serializer delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
            if (object instanceof String) {
                payloadsSerialized.incrementAndGet();
            }
            return delegate.serialize(object, expectedRepresentation);
        }

        @Override
        public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
            return delegate.canSerializeTo(expectedRepresentation);
        }

        @Override
        public <S, T> T deserialize(SerializedObject<S> serializedObject) {
            return delegate.deserialize(serializedObject);
        }

        @Override
        public Class classForType(SerializedType type) {
            return delegate.classForType(type);
        }

        @Override
        public SerializedType typeForClass(Class type) {
            return delegate.typeForClass(type);
        }

        @Override
        public Converter getConverter() {
            return delegate.getConverter();
        }
    }

    private EmbeddedEventStore node() {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();
        store.registerDispatchInterceptor(new EventHashChain(store, serializer));
        return store;
    }

    private static void append(EmbeddedEventStore store, long sequence) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        store.publish(event(sequence));
        unitOfWork.commit();
    }

    private static DomainEventMessage<String> event(long sequence) {
        return new GenericDomainEventMessage<>("ClassSession", "session-1", sequence, "seat taken " + sequence);
    }

    private String expectedHash(DomainEventMessage<?> event, String previous) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        return EventHash.of(previous, event.getAggregateIdentifier(), event.getSequenceNumber(), event.getIdentifier(),
                DateTimeUtils.formatInstant(event.getTimestamp()), payload.getType().getName(),
                payload.getType().getRevision(), payload.getData(), null, null, null);
    }
}

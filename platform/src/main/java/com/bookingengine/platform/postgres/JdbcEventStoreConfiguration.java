package com.bookingengine.platform.postgres;

import com.bookingengine.platform.axon.AggregateVersions;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The event store of the embedded default and of PostgreSQL: Axon's JDBC storage engine over the
 * {@code domain_event_entry} table (Flyway-made on PostgreSQL, Hibernate-made on H2;
 * {@code booking.event-store.engine=jdbc}, set by the embedded and postgres profiles, {@code jpa} for Axon's JPA engine). Chosen over the JPA engine by measurement
 * (docs/ARCHITECTURE.md, docs/BENCHMARKS.md): one batched insert per commit instead of a sequence call and an insert
 * per event, and no Hibernate mapping in the event path. The connection is the one of the Spring transaction the
 * command or projection runs in, so events, tokens and read-model rows commit together.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "booking.event-store.engine", havingValue = "jdbc")
public class JdbcEventStoreConfiguration {

    /** The table and column names of db/migration/postgresql (the JPA entity's names, snake_case). */
    public static final EventSchema SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index").timestampColumn("time_stamp").eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number")
            .typeColumn("type").payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision")
            .payloadColumn("payload").metaDataColumn("meta_data")
            .build();

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 Configuration configuration, DataSource dataSource,
                                                 TransactionManager transactionManager,
                                                 ObjectProvider<EntityManagerFactory> schemaMadeByHibernate) {
        EntityManagerFactory hibernate = schemaMadeByHibernate.getIfAvailable();
        boolean h2 = prepareH2(dataSource, hibernate != null, () -> hibernate.getMetamodel());
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .appendEvents(AppendedPositions::appendEvents);
        if (h2) {
            builder.readEventDataWithGaps(JdbcEventStoreConfiguration::readEventDataWithGapsIndexed);
        }
        return new WithoutSnapshots(builder
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                // a duplicate (aggregate, sequence) becomes a ConcurrencyException: the race a retry decides again
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider(dataSource))
                .transactionManager(engineTransactions(transactionManager))
                .schema(SCHEMA)
                .dataType(byte[].class));
    }

    /** The engine's transactions: {@link ReadsJoinOnly}, its reads begin none of their own. */
    static TransactionManager engineTransactions(TransactionManager transactionManager) {
        return new ReadsJoinOnly(transactionManager);
    }

    /**
     * The engine's connections: the connection of the Spring transaction it runs in (the engine runs its appends in
     * one, joining the command's or projection's, and its reads in the caller's if there is one), given back to that
     * transaction after each use; outside a transaction, a pooled connection for that one use. Not wrapped in Axon's
     * {@code UnitOfWorkAwareConnectionProviderWrapper}, as Axon's own auto-configuration does: that wrapper closes the
     * connection once more when the unit of work cleans up, after the transaction has already returned it to the pool,
     * and Hikari's second close clears the statement list the connection's next borrower is using (a booking answered
     * 500 under load; EventStoreConnectionTest).
     */
    public static ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Axon's JDBC engine with two differences.
     * <ul>
     *   <li>It takes no snapshots (no aggregate has a snapshot trigger: the aggregate caches and
     *   {@code ServiceSnapshots} keep loading cheap), so loading an aggregate does not ask the empty snapshot table
     *   first: Axon's event store does that before every read of an aggregate's events, one query per load, and one
     *   of the two reads that tell a new booking id from a repeated one (docs/BENCHMARKS.md). Storing a snapshot is
     *   refused rather than silently never read.</li>
     *   <li>An event's timestamp text is written and read by {@link StoredTimestamps}, and read once per row. Axon's
     *   rows parse it with a {@code DateTimeFormatter} on every {@code getTimestamp()}: a tracking read once per
     *   row for its gap check, and again for the event message, 14 % of a replaying processor's samples
     *   (docs/BENCHMARKS.md). The tracking token is worked out as Axon's engine does it, from the same three
     *   settings, which this class sets.</li>
     * </ul>
     * It also reads the versions of several aggregates in one statement ({@link AggregateVersions}).
     */
    static final class WithoutSnapshots extends JdbcEventStorageEngine implements AggregateVersions {

        /** Axon's defaults, set here so that {@link #getTrackedEventData} works with the values the engine has. */
        private static final int GAP_TIMEOUT_MILLIS = 60_000;
        private static final int MAX_GAP_OFFSET = 10_000;
        private static final long LOWEST_GLOBAL_SEQUENCE = 1;

        WithoutSnapshots(Builder builder) {
            super(builder.gapTimeout(GAP_TIMEOUT_MILLIS).maxGapOffset(MAX_GAP_OFFSET)
                    .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE));
        }

        /**
         * As Axon's {@code lastSequenceNumberFor}, for several aggregates in one statement, on the connection of the
         * caller's transaction (a command's), or on a connection of its own outside one. Each aggregate's
         * {@code max} is a subquery of its own, which reads one entry of the (aggregate, sequence) index backwards
         * whatever the aggregate's length; a {@code group by} over {@code in (...)} would read every event row of
         * each (2.7 ms against 0.1 ms for three aggregates of 1,000 events, EXPLAIN ANALYZE on PostgreSQL 15).
         */
        @Override
        public Map<String, Long> lastSequenceNumbersFor(Collection<String> aggregateIds) {
            if (aggregateIds.isEmpty()) {
                return Map.of();
            }
            List<String> ids = List.copyOf(aggregateIds);
            EventSchema schema = schema();
            String max = "(select max(" + schema.sequenceNumberColumn() + ") from " + schema.domainEventTable()
                    + " where " + schema.aggregateIdentifierColumn() + " = ?)";
            String sql = IntStream.range(0, ids.size()).mapToObj(i -> "select " + i + ", " + max)
                    .collect(Collectors.joining(" union all "));
            return JdbcUtils.executeQuery(getConnection(), connection -> {
                PreparedStatement statement = connection.prepareStatement(sql);
                for (int i = 0; i < ids.size(); i++) {
                    statement.setString(i + 1, ids.get(i));
                }
                return statement;
            }, resultSet -> {
                Map<String, Long> versions = new HashMap<>();
                while (resultSet.next()) {
                    long version = resultSet.getLong(2);
                    if (!resultSet.wasNull()) {
                        versions.put(ids.get(resultSet.getInt(1)), version);
                    }
                }
                return versions;
            }, e -> new EventStoreException("Failed to read the versions of " + ids, e));
        }

        @Override
        protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
            return Stream.empty();
        }

        @Override
        protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
            throw new UnsupportedOperationException("The booking engine takes no snapshots; "
                    + "a snapshot trigger needs snapshot reads in JdbcEventStoreConfiguration.WithoutSnapshots");
        }

        @Override
        protected void writeTimestamp(PreparedStatement statement, int position, Instant timestamp)
                throws SQLException {
            statement.setString(position, StoredTimestamps.format(timestamp));
        }

        @Override
        protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
            return entry(resultSet, resultSet.getString(schema().aggregateIdentifierColumn()),
                    resultSet.getString(schema().eventIdentifierColumn()));
        }

        /** Axon's tracked row and token (JdbcEventStorageEngine.getTrackedEventData), its timestamp parsed once. */
        @Override
        protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
                throws SQLException {
            long globalSequence = resultSet.getLong(schema().globalIndexColumn());
            String aggregateIdentifier = resultSet.getString(schema().aggregateIdentifierColumn());
            String eventIdentifier = resultSet.getString(schema().eventIdentifierColumn());
            DomainEventData<?> event = entry(resultSet,
                    eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier, eventIdentifier);
            boolean allowGaps = event.getTimestamp()
                    .isAfter(GenericEventMessage.clock.instant().minusMillis(GAP_TIMEOUT_MILLIS));
            GapAwareTrackingToken token;
            if (previousToken == null) {
                token = GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                        ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence).boxed()
                                .collect(Collectors.toCollection(TreeSet::new))
                        : Collections.emptySortedSet());
            } else {
                token = previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
            }
            return new TrackedDomainEventData<>(token, event);
        }

        private DomainEventData<?> entry(ResultSet resultSet, String aggregateIdentifier, String eventIdentifier)
                throws SQLException {
            EventSchema schema = schema();
            return new ParsedOnce<>(resultSet.getString(schema.typeColumn()), aggregateIdentifier,
                    resultSet.getLong(schema.sequenceNumberColumn()), eventIdentifier,
                    resultSet.getString(schema.timestampColumn()), resultSet.getString(schema.payloadTypeColumn()),
                    resultSet.getString(schema.payloadRevisionColumn()), readPayload(resultSet, schema.payloadColumn()),
                    readPayload(resultSet, schema.metaDataColumn()));
        }
    }

    /** A stored event whose timestamp text is parsed on the first {@link #getTimestamp()} and kept. */
    static final class ParsedOnce<T> extends GenericDomainEventEntry<T> {

        private final String storedTimestamp;
        private Instant timestamp;

        ParsedOnce(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                   String storedTimestamp, String payloadType, String payloadRevision, T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, storedTimestamp, payloadType,
                    payloadRevision, payload, metaData);
            this.storedTimestamp = storedTimestamp;
        }

        @Override
        public Instant getTimestamp() {
            Instant parsed = timestamp;
            if (parsed == null) {
                parsed = StoredTimestamps.parse(storedTimestamp);
                timestamp = parsed;
            }
            return parsed;
        }
    }

    /**
     * Where Hibernate makes the schema (the embedded default, ddl-auto), it keeps making the event and snapshot
     * tables from Axon's JPA entities, as it did when the JPA engine was the default: a new ./data store gets exactly
     * the tables (names, types, constraints, {@code domain_event_entry_seq}) an older one has. Axon registers these
     * entities only for its own JPA engine.
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "spring.jpa.hibernate.ddl-auto", havingValue = "update")
    @RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
    static class HibernateMadeEventTables {
    }

    /**
     * H2 keeps a BLOB value longer than 256 bytes (its default) out of the row, in its LOB storage: a booking's
     * events (payload about 1.1 KB, metadata about 0.4 KB) each cost extra writes on append and an extra lookup on
     * every read, which made appends about 2x and reads about 15x slower than keeping them in the row
     * (docs/BENCHMARKS.md). Values up to {@value #H2_IN_ROW_BYTES} bytes now stay in their row. The setting is the
     * database's own (persistent); rows written before keep their values where they are, and both read the same.
     */
    static final int H2_IN_ROW_BYTES = 16_384;

    /**
     * Prepares an H2 event store, on one connection, and tells whether the store is H2 (PostgreSQL is left alone):
     * <ul>
     *   <li>values up to {@link #H2_IN_ROW_BYTES} stay in their rows;</li>
     *   <li>where Hibernate made the schema (the embedded default, ddl-auto, and every ./data store written before the
     *   JDBC engine became the default), the event table is the one made for Axon's JPA entity: its
     *   {@code global_index} has no default, the JPA engine took each value from {@code domain_event_entry_seq}
     *   (orm.xml, increment 1). The JDBC engine leaves the column out of its insert, so the column draws from that
     *   same sequence: old rows, old and new files alike stay as they are, and the index continues where the JPA
     *   engine stopped.</li>
     * </ul>
     */
    static boolean prepareH2(DataSource dataSource, boolean schemaMadeByHibernate, Runnable awaitSchema) {
        try (Connection connection = dataSource.getConnection()) {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
                return false;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET MAX_LENGTH_INPLACE_LOB " + H2_IN_ROW_BYTES);
                if (schemaMadeByHibernate) {
                    // Hibernate may still be making its tables on the background thread of a deferred start
                    awaitSchema.run();
                    statement.execute("ALTER TABLE domain_event_entry ALTER COLUMN global_index"
                            + " SET DEFAULT NEXT VALUE FOR domain_event_entry_seq");
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the H2 event table for the JDBC event store", e);
        }
    }

    /**
     * The tracking read of a token with gaps (events appended in transactions that had not committed when the token
     * passed them), as one index range and one index lookup. Axon's statement asks for
     * {@code (global_index > ? AND global_index <= ?) OR global_index IN (gaps)}, which H2 answers by scanning the
     * whole primary key: with 16 concurrent writers nearly every read has gaps, so every poll of the embedded store
     * cost time in proportion to its history (docs/BENCHMARKS.md). A gap lies below the token's index, so the two
     * halves never hold the same row.
     */
    static PreparedStatement readEventDataWithGapsIndexed(Connection connection, EventSchema schema, long globalIndex,
                                                          int batchSize, List<Long> gaps) throws SQLException {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String sql = select + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?"
                + " UNION ALL " + select + schema.globalIndexColumn() + " IN ("
                + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    /**
     * A tracking processor on the node that appended an event is woken at once; one on another node (split or scaled
     * deployments) learns of new events by polling the event table, every second by Axon's default: every
     * {@code booking.event-store.fetch-delay} (100 ms) here, so query nodes follow the command nodes well within a
     * second. One indexed query per poll and node. The store keeps the newest {@code booking.event-store.cached-events}
     * (Axon's 10,000) in memory for this node's processors; 1,000 did not change the embedded default's young pauses
     * or p99 under load (docs/BENCHMARKS.md).
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         @Value("${booking.event-store.fetch-delay:100ms}") Duration fetchDelay,
                                         @Value("${booking.event-store.cached-events:10000}") int cachedEvents,
                                         ObjectProvider<AppendNotifications> notifications) {
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .cachedEvents(cachedEvents)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis());
        AppendNotifications others = notifications.getIfAvailable();
        if (others == null) {
            return builder.build();
        }
        NotifyingEventStore store = new NotifyingEventStore(builder, others);
        others.wakes(store::wakeUp);
        return store;
    }

    /**
     * PostgreSQL: nodes sharing the store tell each other of their appends ({@link AppendNotifications}), so the
     * fetch delay above is only the fallback. On by default in the postgres profile
     * ({@code booking.event-store.notify}).
     */
    @Bean
    @ConditionalOnProperty(name = "booking.event-store.notify", havingValue = "true")
    public AppendNotifications appendNotifications(
            DataSource dataSource,
            @Value("${booking.event-store.notify-interval:5ms}") Duration interval) {
        return new AppendNotifications(dataSource, interval);
    }

    /** The embedded event store, which tells the other nodes of its commits and can be woken by theirs. */
    static final class NotifyingEventStore extends EmbeddedEventStore {

        private final AppendNotifications others;

        NotifyingEventStore(Builder builder, AppendNotifications others) {
            super(builder);
            this.others = others;
        }

        @Override
        protected void afterCommit(List<? extends EventMessage<?>> events) {
            super.afterCommit(events);
            others.appended();
        }

        @Override
        public TrackingEventStream openStream(TrackingToken trackingToken) {
            others.listen();
            return super.openStream(trackingToken);
        }

        /** Another node has appended: this node's processors that wait for events read them now. */
        void wakeUp() {
            super.afterCommit(List.of());
        }
    }
}

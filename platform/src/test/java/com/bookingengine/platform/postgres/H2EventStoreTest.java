package com.bookingengine.platform.postgres;

import com.bookingengine.platform.axon.AggregateVersions;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.bookingengine.platform.postgres.JdbcEventStoreConfiguration.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded default's event table on H2 as the engine reads and writes it. */
class H2EventStoreTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    @BeforeEach
    void eventTable() throws SQLException {
        dataSource.setURL("jdbc:h2:mem:h2-event-store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create sequence domain_event_entry_seq start with 10000");
            statement.execute("create table domain_event_entry ("
                    + " global_index bigint default next value for domain_event_entry_seq primary key,"
                    + " event_identifier varchar(255) not null unique, time_stamp varchar(255) not null,"
                    + " aggregate_identifier varchar(255) not null, sequence_number bigint not null,"
                    + " type varchar(255), payload_type varchar(255) not null, payload_revision varchar(255),"
                    + " payload blob not null, meta_data blob, unique (aggregate_identifier, sequence_number))");
            statement.execute("insert into domain_event_entry select x, 'e' || x, '2030-01-01T00:00:00Z', 'a' || x,"
                    + " 0, 'T', 'P', null, X'7b7d', null from system_range(1, 2000)");
        }
    }

    @Test
    void aTrackingReadWithGapsReturnsTheRangeAndTheGapsInOrderAsAxonsOwnStatementDoes() throws SQLException {
        List<Long> gaps = List.of(3L, 1500L, 1990L);
        try (Connection connection = dataSource.getConnection()) {
            List<Long> ours = globalIndexes(JdbcEventStoreConfiguration.readEventDataWithGapsIndexed(
                    connection, SCHEMA, 1995, 10, gaps));
            List<Long> axons = globalIndexes(JdbcEventStorageEngineStatements.readEventDataWithGaps(
                    connection, SCHEMA, 1995, 10, gaps));
            assertThat(ours).containsExactly(3L, 1500L, 1990L, 1996L, 1997L, 1998L, 1999L, 2000L).isEqualTo(axons);
        }
    }

    @Test
    void aTrackingReadWithGapsLooksUpTheIndexInsteadOfScanningTheWholeHistory() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // the same statement, prepared as EXPLAIN: H2 answers with its plan, naming the index condition it uses
            // ("/* PUBLIC.PRIMARY_KEY_xx: GLOBAL_INDEX > ..."); a scan of the whole table names the index alone
            Connection explaining = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[]{Connection.class}, (proxy, method, args) ->
                            method.getName().equals("prepareStatement")
                                    ? connection.prepareStatement("explain " + args[0])
                                    : method.invoke(connection, args));
            try (PreparedStatement explain = JdbcEventStoreConfiguration.readEventDataWithGapsIndexed(
                    explaining, SCHEMA, 1995, 10, List.of(3L, 1500L)); ResultSet plan = explain.executeQuery()) {
                plan.next();
                assertThat(plan.getString(1).split("PRIMARY_KEY_[0-9A-F]+: GLOBAL_INDEX", -1)).as(plan.getString(1))
                        .hasSize(3);
            }
        }
    }

    @Test
    void eventsUpToSixteenKilobytesStayInTheirRows() throws SQLException {
        assertThat(JdbcEventStoreConfiguration.prepareH2(dataSource, false, () -> { })).isTrue();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery("select setting_value from information_schema.settings"
                     + " where setting_name = 'MAX_LENGTH_INPLACE_LOB'")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getInt(1)).isEqualTo(16_384);
        }
    }

    @Test
    void anAggregateIsReadFromItsEventsAloneAndASnapshotIsRefused() {
        JdbcEventStorageEngine engine = engine(JdbcEventStorageEngine.builder());
        DomainEventMessage<String> event = new GenericDomainEventMessage<>("Session", "s1", 0, "reserved");
        engine.appendEvents(event);
        assertThat(engine.readEvents("s1").asStream().map(e -> (Object) e.getPayload()).toList())
                .containsExactly("reserved");
        assertThatThrownBy(() -> engine.storeSnapshot(event)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theInsertTellsTheUnitOfWorkWhereItStoredItsEvents() throws SQLException {
        JdbcEventStorageEngine engine = engine(JdbcEventStorageEngine.builder()
                .appendEvents(AppendedPositions::appendEvents));
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        engine.appendEvents(new GenericDomainEventMessage<>("Session", "s2", 0, "reserved"),
                new GenericDomainEventMessage<>("Booking", "b2", 0, "created"));
        Optional<Long> reported = AppendedPositions.highest(unitOfWork);
        unitOfWork.commit();

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet stored = statement.executeQuery("select global_index from domain_event_entry"
                     + " where aggregate_identifier = 'b2'")) {
            assertThat(stored.next()).isTrue();
            assertThat(reported).contains(stored.getLong(1));
        }
    }

    @Test
    void trackedAndLoadedEventsCarryTheTokensAndTimestampsAxonsOwnEngineGivesThem() throws SQLException {
        // positions with holes, timestamps older than the gap timeout and recent ones, in Axon's text and others
        String recent = StoredTimestamps.format(Instant.now().minusSeconds(5));
        String old = "2020-06-01T10:00:00.250Z";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("delete from domain_event_entry");
            long[] positions = {5, 6, 9, 10, 14, 15, 40, 41, 45};
            String[] stamps = {recent, recent, old, "2020-06-01T12:00:00+02:00", recent, old, recent,
                    "2026-01-01T00:00:00.123456Z", recent};
            for (int i = 0; i < positions.length; i++) {
                statement.execute("insert into domain_event_entry values (" + positions[i] + ", 'e" + i + "', '"
                        + stamps[i] + "', '" + (i == 3 ? "e3" : "a" + i % 2) + "', " + i / 2 + ", 'T', 'P', null,"
                        + " X'7b7d', X'7b7d')");
            }
        }
        JdbcEventStorageEngine ours = engine(JdbcEventStorageEngine.builder());
        JdbcEventStorageEngine axons = overThisTable(JdbcEventStorageEngine.builder()).build();

        List<TrackedEventMessage<?>> read = ours.readEvents(null, false).collect(Collectors.toList());
        List<TrackedEventMessage<?>> expected = axons.readEvents(null, false).collect(Collectors.toList());
        assertThat(read).hasSize(9);
        assertThat(read.stream().map(TrackedEventMessage::trackingToken).toList())
                .isEqualTo(expected.stream().map(TrackedEventMessage::trackingToken).toList());
        assertThat(read.stream().map(e -> (Object) e.getTimestamp()).toList())
                .isEqualTo(expected.stream().map(e -> (Object) e.getTimestamp()).toList());
        // the recent first event leaves the positions before it open as gaps, and the old ones close theirs
        assertThat(((GapAwareTrackingToken) read.get(0).trackingToken()).getGaps()).containsExactly(1L, 2L, 3L, 4L);
        // and from a token in the middle, as a processor resumes
        TrackingToken middle = expected.get(4).trackingToken();
        assertThat(ours.readEvents(middle, false).map(TrackedEventMessage::trackingToken).toList())
                .isEqualTo(axons.readEvents(middle, false).map(TrackedEventMessage::trackingToken).toList());

        for (String aggregate : List.of("a0", "a1", "e3")) {
            assertThat(ours.readEvents(aggregate).asStream().map(e -> List.of(e.getSequenceNumber(),
                    e.getAggregateIdentifier(), e.getTimestamp())).toList())
                    .isEqualTo(axons.readEvents(aggregate).asStream().map(e -> List.of(e.getSequenceNumber(),
                            e.getAggregateIdentifier(), e.getTimestamp())).toList())
                    .isNotEmpty();
        }
    }

    @Test
    void anAppendedEventsTimestampIsStoredInAxonsText() throws SQLException {
        Instant at = Instant.parse("2026-12-01T03:23:04.123456Z");
        engine(JdbcEventStorageEngine.builder()).appendEvents(new GenericDomainEventMessage<>("Session", "s3", 0,
                "reserved", MetaData.emptyInstance(), "e-s3", at));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet stored = statement.executeQuery("select time_stamp from domain_event_entry"
                     + " where aggregate_identifier = 's3'")) {
            assertThat(stored.next()).isTrue();
            assertThat(stored.getString(1)).isEqualTo("2026-12-01T03:23:04.123Z")
                    .isEqualTo(DateTimeUtils.formatInstant(at));
        }
    }

    @Test
    void theVersionsOfSeveralAggregatesAreReadInOneStatementAsAxonReadsEachOne() {
        JdbcEventStorageEngine engine = engine(JdbcEventStorageEngine.builder());
        for (long sequence = 0; sequence < 5; sequence++) {
            engine.appendEvents(new GenericDomainEventMessage<>("Session", "long", sequence, "reserved"));
        }
        engine.appendEvents(new GenericDomainEventMessage<>("Session", "short", 0, "reserved"));
        List<String> ids = List.of("long", "unknown", "short", "a7");

        Map<String, Long> versions = ((AggregateVersions) engine).lastSequenceNumbersFor(ids);

        assertThat(versions).containsExactlyInAnyOrderEntriesOf(Map.of("long", 4L, "short", 0L, "a7", 0L));
        for (String id : ids) {
            assertThat(Optional.ofNullable(versions.get(id))).as(id).isEqualTo(engine.lastSequenceNumberFor(id));
        }
        assertThat(((AggregateVersions) engine).lastSequenceNumbersFor(List.of())).isEmpty();
    }

    /** Axon's JDBC engine as the engine configures it, over this test's table. */
    private JdbcEventStorageEngine engine(JdbcEventStorageEngine.Builder builder) {
        return new JdbcEventStoreConfiguration.WithoutSnapshots(overThisTable(builder));
    }

    private JdbcEventStorageEngine.Builder overThisTable(JdbcEventStorageEngine.Builder builder) {
        ConnectionProvider connections = dataSource::getConnection;
        return builder.connectionProvider(connections).transactionManager(NoTransactionManager.INSTANCE)
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .schema(SCHEMA).dataType(byte[].class);
    }

    private static List<Long> globalIndexes(PreparedStatement statement) throws SQLException {
        List<Long> indexes = new ArrayList<>();
        try (statement; ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                indexes.add(rows.getLong("global_index"));
            }
        }
        return indexes;
    }
}

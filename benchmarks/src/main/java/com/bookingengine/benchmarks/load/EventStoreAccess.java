package com.bookingengine.benchmarks.load;

import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.platform.audit.EventHash;
import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import com.bookingengine.platform.postgres.JdbcEventStoreConfiguration;
import com.bookingengine.platform.upcasting.BookingCanceledEventUpcaster;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Direct access to a PostgreSQL-profile engine's event store, for what would take too long through the API:
 * <ul>
 *   <li><b>seeding history</b>: bookings of a class service made through the API once (the template), then repeated
 *       by appending the same events a create-booking command stores, a session's {@link SeatsReservedEvent} at its
 *       next sequence number and the new booking's {@link BookingCreatedEvent}, with the engine's metadata (actor,
 *       correlation and causation ids) and a correct audit hash chain, through Axon's {@link JdbcEventStorageEngine}
 *       configured as the engine configures it (same schema, the project's Jackson serializer), in batches;</li>
 *   <li><b>the replay reference</b>: a plain sequential JDBC scan of the event table;</li>
 *   <li><b>tokens at the head</b>: marks projections as caught up, so a query node started on a seeded store
 *       rebuilds only the projection an operator replays.</li>
 * </ul>
 */
final class EventStoreAccess implements AutoCloseable {

    /** Bookings (two events each) per appended batch: one transaction. */
    static final int BATCH_BOOKINGS = 250;

    private final HikariDataSource dataSource;
    private final JdbcEventStorageEngine engine;
    final Serializer serializer;

    EventStoreAccess(String jdbcUrl, String user, int poolSize) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(user);
        hikari.setMaximumPoolSize(poolSize);
        hikari.setMinimumIdle(1);
        hikari.setPoolName("event-store-access");
        this.dataSource = new HikariDataSource(hikari);
        this.serializer = new AxonMessagingConfiguration().eventSerializer();
        this.engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(new BookingCanceledEventUpcaster()))
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .connectionProvider(JdbcEventStoreConfiguration.connectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                .schema(JdbcEventStoreConfiguration.SCHEMA)
                .dataType(byte[].class)
                .build();
    }

    /** A class service to add bookings to, with where each of its sessions' event streams stand. */
    static final class Target {
        final String serviceId;
        final List<Deployment.Session> sessions;
        final BookingCreatedEvent template;
        final Map<String, Object> templateMetaData;
        final long[] nextSequence;
        final String[] lastHash;
        /** The last booking seeded, for an audit check. */
        volatile String lastBookingId;

        Target(String serviceId, List<Deployment.Session> sessions, BookingCreatedEvent template,
               Map<String, Object> templateMetaData) {
            this.serviceId = serviceId;
            this.sessions = sessions;
            this.template = template;
            this.templateMetaData = templateMetaData;
            this.nextSequence = new long[sessions.size()];
            this.lastHash = new String[sessions.size()];
        }
    }

    /**
     * Reads the template booking (made through the API on the service) and each session's latest sequence number
     * and hash.
     */
    Target prepare(String serviceId, List<Deployment.Session> sessions, String templateBookingId) {
        DomainEventStream templateEvents = engine.readEvents(templateBookingId);
        DomainEventMessage<?> created = templateEvents.next();
        if (!(created.getPayload() instanceof BookingCreatedEvent template)) {
            throw new IllegalStateException("booking " + templateBookingId + " starts with " + created.getPayloadType());
        }
        Target target = new Target(serviceId, sessions, template, new HashMap<>(created.getMetaData()));
        LoadBenchmark.log("seeding template %s, metadata %s", templateBookingId, created.getMetaData());
        for (int i = 0; i < sessions.size(); i++) {
            DomainEventStream stream = engine.readEvents(sessions.get(i).id());
            DomainEventMessage<?> last = null;
            while (stream.hasNext()) {
                last = stream.next();
            }
            if (last == null) {
                throw new IllegalStateException("session " + sessions.get(i).id() + " has no events");
            }
            target.nextSequence[i] = last.getSequenceNumber() + 1;
            Object hash = last.getMetaData().get(EventHash.KEY);
            target.lastHash[i] = hash == null ? "" : hash.toString();
        }
        return target;
    }

    /**
     * Appends {@code bookings} bookings round-robin over the target's sessions, from {@code threads} threads (each
     * owning every threads-th session), {@value #BATCH_BOOKINGS} bookings per transaction.
     */
    void seed(Target target, long bookings, int threads) throws Exception {
        if (bookings <= 0) {
            return;
        }
        int workers = Math.min(threads, target.sessions.size());
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                long share = bookings / workers + (w < bookings % workers ? 1 : 0);
                done.add(pool.submit(() -> {
                    List<Integer> mine = new ArrayList<>();
                    for (int s = worker; s < target.sessions.size(); s += workers) {
                        mine.add(s);
                    }
                    List<EventMessage<?>> batch = new ArrayList<>(2 * BATCH_BOOKINGS);
                    for (long b = 0; b < share; b++) {
                        int session = mine.get((int) (b % mine.size()));
                        addBooking(target, session, batch);
                        if (batch.size() >= 2 * BATCH_BOOKINGS) {
                            engine.appendEvents(batch);
                            batch.clear();
                        }
                    }
                    if (!batch.isEmpty()) {
                        engine.appendEvents(batch);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void addBooking(Target target, int sessionIndex, List<EventMessage<?>> batch) {
        Deployment.Session session = target.sessions.get(sessionIndex);
        String bookingId = UUID.randomUUID().toString();
        Map<String, Object> meta = new HashMap<>(target.templateMetaData);
        meta.remove(EventHash.KEY);
        // A new request: its own correlation id and command (causation) id; the actor as in the template.
        meta.put(AxonMessagingConfiguration.CORRELATION_ID, UUID.randomUUID().toString());
        meta.put(AxonMessagingConfiguration.CAUSATION_ID, UUID.randomUUID().toString());
        MetaData metaData = MetaData.from(meta);
        BookingCreatedEvent t = target.template;
        String contactId = "c-" + bookingId.substring(0, 8);
        var created = new BookingCreatedEvent(bookingId, t.serviceId(), t.serviceName(), t.serviceType(),
                session.id(), session.start(), session.end(), 1,
                new ContactDetails(contactId, "Maria", "Schneider-Okafor", "maria.schneider@example.org",
                        "+49 30 5550 1234", null),
                t.formInfo(), t.payment(), t.status(), t.paymentStatus(), false, t.terms());
        var reserved = new SeatsReservedEvent(session.id(), t.serviceId(), bookingId, 1);
        long sequence = target.nextSequence[sessionIndex]++;
        DomainEventMessage<?> seats = chained(new GenericDomainEventMessage<>("ClassSession", session.id(), sequence,
                reserved, metaData), target.lastHash[sessionIndex]);
        target.lastHash[sessionIndex] = seats.getMetaData().get(EventHash.KEY).toString();
        batch.add(seats);
        batch.add(chained(new GenericDomainEventMessage<>("Booking", bookingId, 0, created, metaData), ""));
        target.lastBookingId = bookingId;
    }

    /** The event with its audit hash, computed exactly as the engine's EventHashChain does. */
    private DomainEventMessage<?> chained(DomainEventMessage<?> event, String previous) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        MetaData metaData = event.getMetaData();
        String hash = EventHash.of(previous, event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getIdentifier(), DateTimeUtils.formatInstant(event.getTimestamp()),
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                text(metaData.get(AxonMessagingConfiguration.ACTOR)),
                text(metaData.get(AxonMessagingConfiguration.CORRELATION_ID)),
                text(metaData.get(AxonMessagingConfiguration.CAUSATION_ID)));
        return event.andMetaData(Map.of(EventHash.KEY, hash));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    long count() throws SQLException {
        return queryLong("select count(*) from domain_event_entry");
    }

    long head() throws SQLException {
        return queryLong("select coalesce(max(global_index), 0) from domain_event_entry");
    }

    long countUpTo(long position) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from domain_event_entry where global_index <= ?")) {
            query.setLong(1, position);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    long queryLong(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** What a scan read: events and seconds. */
    record Scan(long events, double seconds) {
        double perSecond() {
            return events / seconds;
        }
    }

    /**
     * Reads the whole event table in global order with one JDBC cursor (1,000 rows a fetch), every column of every
     * row, and with {@code deserialize} also turns each payload into its event record with the engine's serializer.
     */
    Scan scan(boolean deserialize) throws SQLException {
        long start = System.nanoTime();
        long events = 0;
        long sink = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement("select global_index, aggregate_identifier,"
                    + " sequence_number, type, event_identifier, payload_type, payload_revision, payload, meta_data,"
                    + " time_stamp from domain_event_entry order by global_index")) {
                query.setFetchSize(1000);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        sink += rows.getLong(1) + rows.getString(2).length() + rows.getLong(3)
                                + rows.getString(5).length() + rows.getString(10).length();
                        String type = rows.getString(6);
                        byte[] payload = rows.getBytes(8);
                        byte[] meta = rows.getBytes(9);
                        sink += payload.length + (meta == null ? 0 : meta.length);
                        if (deserialize) {
                            Object event = serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                                    payload, byte[].class, type, rows.getString(7)));
                            sink += System.identityHashCode(event);
                        }
                        events++;
                    }
                }
            }
            connection.commit();
        }
        if (sink == 42) {
            LoadBenchmark.log("(sink)");
        }
        return new Scan(events, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Sets every token of {@code processors} to the store's head (GapAwareTrackingToken, as the engine's Jackson
     * serializer writes it) and releases their claims. The token rows must exist (a query node ran before).
     */
    void tokensToHead(List<String> processors) throws SQLException {
        long head = head();
        SerializedObject<byte[]> token = new AxonMessagingConfiguration().serializer().serialize(
                GapAwareTrackingToken.newInstance(head, Collections.emptySortedSet()), byte[].class);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update token_entry set token = ?,"
                     + " token_type = ?, owner = null where processor_name = ?")) {
            for (String processor : processors) {
                update.setBytes(1, token.getData());
                update.setString(2, token.getType().getName());
                update.setString(3, processor);
                if (update.executeUpdate() == 0) {
                    throw new IllegalStateException("no token rows for processor " + processor);
                }
            }
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

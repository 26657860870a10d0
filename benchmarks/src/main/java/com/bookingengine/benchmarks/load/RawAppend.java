package com.bookingengine.benchmarks.load;

import com.bookingengine.benchmarks.BookingEvents;
import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.HdrHistogram.Histogram;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * The raw PostgreSQL reference for a booking's write: one transaction inserting two event rows (the session's next
 * event and the new booking's first) into an append-only table shaped like the engine's {@code domain_event_entry}
 * (bigserial global index, unique (aggregate, sequence), unique event id, bytea payload and metadata), with real
 * serialized engine events of the same size. A session's next sequence number is kept in memory under a lock per
 * session, as an aggregate lock would. No HTTP, no framework: what the database alone can do for this pattern.
 */
final class RawAppend implements AutoCloseable {

    private static final String INSERT = "insert into raw_event (aggregate_identifier, sequence_number, type,"
            + " event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final HikariDataSource dataSource;
    private final int sessions;
    private final long[] next;
    private final ReentrantLock[] locks;
    private final byte[] sessionPayload;
    private final byte[] bookingPayload;
    private final byte[] metaData;
    private final String sessionType;
    private final String bookingType;

    RawAppend(LoadConfig config, String database, int poolSize, int sessions) throws SQLException {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl(database));
        hikari.setUsername(config.pgUser());
        hikari.setMaximumPoolSize(poolSize);
        hikari.setMinimumIdle(poolSize);
        hikari.setPoolName("raw-append");
        this.dataSource = new HikariDataSource(hikari);
        this.sessions = sessions;
        this.next = new long[sessions];
        this.locks = new ReentrantLock[sessions];
        for (int i = 0; i < sessions; i++) {
            locks[i] = new ReentrantLock();
        }
        Serializer serializer = new AxonMessagingConfiguration().eventSerializer();
        List<DomainEventMessage<?>> sample = BookingEvents.booking(0, 0);
        SerializedObject<byte[]> session = serializer.serialize(sample.get(0).getPayload(), byte[].class);
        SerializedObject<byte[]> booking = serializer.serialize(sample.get(1).getPayload(), byte[].class);
        this.sessionPayload = session.getData();
        this.bookingPayload = booking.getData();
        this.sessionType = session.getType().getName();
        this.bookingType = booking.getType().getName();
        this.metaData = serializer.serialize(sample.get(0).getMetaData(), byte[].class).getData();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    create table raw_event (
                        global_index         bigserial    primary key,
                        aggregate_identifier varchar(255) not null,
                        sequence_number      bigint       not null,
                        type                 varchar(255),
                        event_identifier     varchar(255) not null unique,
                        payload_type         varchar(255) not null,
                        payload_revision     varchar(255),
                        payload              bytea        not null,
                        meta_data            bytea,
                        time_stamp           varchar(255) not null,
                        unique (aggregate_identifier, sequence_number))""");
        }
    }

    /** {@code threads} closed loops of one two-row transaction each, for {@code duration}. */
    Load.Point run(String label, int threads, Duration duration) throws InterruptedException {
        AtomicLong counter = new AtomicLong();
        LongAdder failed = new LongAdder();
        Histogram[] histograms = new Histogram[threads];
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Histogram histogram = histograms[t] = new Histogram(60_000_000L, 3);
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (System.nanoTime() < window[1]) {
                    int session = (int) (counter.getAndIncrement() % sessions);
                    long begin = System.nanoTime();
                    boolean ok = append(session);
                    long end = System.nanoTime();
                    if (end > window[1]) {
                        break;
                    }
                    if (ok) {
                        histogram.recordValue(Math.min(60_000_000L, (end - begin) / 1000));
                    } else {
                        failed.increment();
                    }
                }
            }, "raw-append-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        Histogram all = new Histogram(60_000_000L, 3);
        for (Histogram histogram : histograms) {
            all.add(histogram);
        }
        Map<Integer, Long> statuses = failed.sum() == 0 ? Map.of(201, all.getTotalCount())
                : Map.of(201, all.getTotalCount(), 500, failed.sum());
        Load.Point point = new Load.Point(label, threads, duration.toNanos() / 1e9, statuses, all, List.of());
        LoadBenchmark.log("  %s", point);
        return point;
    }

    private boolean append(int session) {
        locks[session].lock();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            String now = Instant.now().toString();
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                row(insert, "session-" + session, next[session], "ClassSession", sessionType, sessionPayload, now);
                insert.addBatch();
                row(insert, UUID.randomUUID().toString(), 0, "Booking", bookingType, bookingPayload, now);
                insert.addBatch();
                insert.executeBatch();
                connection.commit();
                next[session]++;
                return true;
            } catch (SQLException e) {
                connection.rollback();
                return false;
            }
        } catch (SQLException e) {
            return false;
        } finally {
            locks[session].unlock();
        }
    }

    private void row(PreparedStatement insert, String aggregate, long sequence, String type, String payloadType,
                     byte[] payload, String timestamp) throws SQLException {
        insert.setString(1, aggregate);
        insert.setLong(2, sequence);
        insert.setString(3, type);
        insert.setString(4, UUID.randomUUID().toString());
        insert.setString(5, payloadType);
        insert.setString(6, "1");
        insert.setBytes(7, payload);
        insert.setBytes(8, metaData);
        insert.setString(9, timestamp);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

package com.bookingengine.platform.postgres;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store's connections as the pool sees them. A pooled connection closed a second time, after its
 * transaction gave it back, is not harmless: Hikari's second {@code close()} clears the statement list of the pool
 * entry, which by then belongs to the thread that borrowed the connection next. Under load that thread's next
 * statement failed with {@code ArrayIndexOutOfBoundsException: Index -1} in {@code FastList}, a booking answered 500
 * and a projection fell into retry (seen in a load run of the embedded default, docs/BENCHMARKS.md).
 */
class EventStoreConnectionTest {

    private final HikariDataSource pool = new HikariDataSource();
    private final List<String> closedAgain = new ArrayList<>();
    private int borrowed;

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void aCommandsAppendClosesEachConnectionOnceWhateverThePhase() throws SQLException {
        pool.setJdbcUrl("jdbc:h2:mem:event-store-connections-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        pool.setMaximumPoolSize(2);
        DelegatingDataSource watched = new DelegatingDataSource(pool) {
            @Override
            public Connection getConnection() throws SQLException {
                return watch(pool.getConnection());
            }
        };
        createEventTable();
        SpringTransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(watched));
        JdbcEventStorageEngine engine = engine(watched, transactions);
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            for (long sequence = 0; sequence < 3; sequence++) {
                long next = sequence;
                DefaultUnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
                command.attachTransaction(transactions);
                command.execute(() -> store.publish(new GenericDomainEventMessage<>(
                        "BookingCreated", "booking-1", next, "payload " + next)));
            }
            assertThat(store.readEvents("booking-1").asStream().count()).isEqualTo(3);
        } finally {
            store.shutDown();
        }

        assertThat(borrowed).as("connections borrowed").isPositive();
        assertThat(closedAgain).as("connections closed again after the pool had them back").isEmpty();
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections still borrowed").isZero();
    }

    @Test
    void theEnginesReadsJoinATransactionAndBeginNoneOfTheirOwnWhileItsAppendsStillRunInOne() throws SQLException {
        pool.setJdbcUrl("jdbc:h2:mem:event-store-reads-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        pool.setMaximumPoolSize(4);
        createEventTable();
        AtomicInteger begun = new AtomicInteger();
        DataSourceTransactionManager counting = new DataSourceTransactionManager(pool) {
            @Override
            protected void doBegin(Object transaction, TransactionDefinition definition) {
                begun.incrementAndGet();
                super.doBegin(transaction, definition);
            }
        };
        JdbcEventStorageEngine engine = engine(pool, new SpringTransactionManager(counting));

        // an append outside any transaction still begins one of its own: its events commit together
        engine.appendEvents(event(0), event(1), event(2));
        assertThat(begun).as("transactions begun by the append").hasValue(1);

        // a tracked read (a processor's stream, the event store's reading thread) begins none
        assertThat(engine.readEvents(null, false).map(m -> ((DomainEventMessage<?>) m).getSequenceNumber()))
                .containsExactly(0L, 1L, 2L);
        assertThat(engine.readEvents("booking-1").asStream()).hasSize(3);
        assertThat(begun).as("transactions begun after the reads").hasValue(1);
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections still borrowed").isZero();

        // inside a transaction a read joins it: it sees the transaction's own append before the commit, on its connection
        new TransactionTemplate(counting).executeWithoutResult(status -> {
            engine.appendEvents(event(3));
            assertThat(engine.readEvents("booking-1").asStream()).hasSize(4);
            assertThat(engine.readEvents(null, false)).hasSize(4);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections borrowed").isOne();
            status.setRollbackOnly();
        });
        assertThat(begun).hasValue(2);
        assertThat(engine.readEvents(null, false)).as("after the rollback").hasSize(3);
    }

    private void createEventTable() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table DomainEventEntry (globalIndex bigint auto_increment primary key,"
                    + " aggregateIdentifier varchar(255) not null, sequenceNumber bigint not null, type varchar(255),"
                    + " eventIdentifier varchar(255) not null unique, metaData blob, payload blob not null,"
                    + " payloadRevision varchar(255), payloadType varchar(255) not null,"
                    + " timeStamp varchar(255) not null, unique (aggregateIdentifier, sequenceNumber))");
        }
    }

    private JdbcEventStorageEngine engine(DataSource dataSource, SpringTransactionManager transactions) {
        return new JdbcEventStoreConfiguration.WithoutSnapshots(JdbcEventStorageEngine.builder()
                .connectionProvider(JdbcEventStoreConfiguration.connectionProvider(dataSource))
                .transactionManager(JdbcEventStoreConfiguration.engineTransactions(transactions))
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .dataType(byte[].class));
    }

    private static GenericDomainEventMessage<String> event(long sequence) {
        return new GenericDomainEventMessage<>("BookingCreated", "booking-1", sequence, "payload " + sequence);
    }

    /** The pool's connection, remembering each close made after the first. */
    private Connection watch(Connection pooled) {
        borrowed++;
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (self, method, args) -> {
                    if (method.getName().equals("close") && pooled.isClosed()) {
                        closedAgain.add(Thread.currentThread().getStackTrace()[3].toString());
                    }
                    try {
                        return method.invoke(pooled, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

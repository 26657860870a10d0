package com.bookingengine.benchmarks;

import com.bookingengine.platform.postgres.ByteaPostgreSQLDialect;
import com.bookingengine.platform.postgres.JdbcEventStoreConfiguration;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.common.jpa.SimpleEntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One event storage engine on its own fresh PostgreSQL database, wired the way Axon's Spring Boot
 * auto-configuration wires it (same builders, serializers, upcasters, exception resolver, connection provider and
 * Spring transaction manager), plus the in-memory sequence state of the session aggregates the benchmark appends to.
 */
final class BenchStore implements AutoCloseable {

    /** Hikari's pool: Boot's default is 10; 16 appending threads must not queue for a connection. */
    static final int POOL_SIZE = 20;

    final String name;
    final String database;
    final EventStorageEngine engine;
    final String table;
    private final HikariDataSource dataSource;
    private final AutoCloseable closeFirst;

    /** Next sequence number per session aggregate; a session's lock is held while its events are appended. */
    final long[] sessionSequence;
    final ReentrantLock[] sessionLocks;

    private BenchStore(String name, String database, EventStorageEngine engine, String table,
                       HikariDataSource dataSource, AutoCloseable closeFirst, int sessions) {
        this.name = name;
        this.database = database;
        this.engine = engine;
        this.table = table;
        this.dataSource = dataSource;
        this.closeFirst = closeFirst;
        this.sessionSequence = new long[sessions];
        this.sessionLocks = new ReentrantLock[sessions];
        for (int i = 0; i < sessions; i++) {
            sessionLocks[i] = new ReentrantLock();
        }
    }

    /**
     * {@link JpaEventStorageEngine} on a Hibernate {@link EntityManagerFactory} built by Spring's
     * {@link LocalContainerEntityManagerFactoryBean} with Boot's naming strategies, the {@code bytea} dialect, and
     * {@code platform}'s {@code META-INF/orm.xml} (globalIndex sequence, increment 1), which Spring picks up for a
     * scanned persistence unit. Hibernate creates the schema in the fresh database.
     */
    static BenchStore jpa(BenchConfig config, String database, Serializer serializer, EventUpcaster upcasters,
                          int sessions) throws SQLException {
        recreateDatabase(config, database);
        HikariDataSource dataSource = dataSource(config, database, "jpa");
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(dataSource);
        factory.setPersistenceUnitName("event-store-benchmark");
        factory.setPackagesToScan("org.axonframework.eventsourcing.eventstore.jpa");
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        Map<String, Object> properties = new HashMap<>();
        properties.put(AvailableSettings.DIALECT, ByteaPostgreSQLDialect.class.getName());
        properties.put(AvailableSettings.HBM2DDL_AUTO, "create");
        properties.put(AvailableSettings.PHYSICAL_NAMING_STRATEGY, CamelCaseToUnderscoresNamingStrategy.class.getName());
        properties.put(AvailableSettings.IMPLICIT_NAMING_STRATEGY, SpringImplicitNamingStrategy.class.getName());
        factory.setJpaPropertyMap(properties);
        factory.afterPropertiesSet();
        EntityManagerFactory entityManagerFactory = factory.getObject();

        TransactionManager transactionManager =
                new SpringTransactionManager(new JpaTransactionManager(entityManagerFactory));
        JpaEventStorageEngine engine = JpaEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(upcasters)
                .persistenceExceptionResolver(new SQLErrorCodesResolver(dataSource))
                .eventSerializer(serializer)
                .entityManagerProvider(new SimpleEntityManagerProvider(
                        SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory)))
                .transactionManager(transactionManager)
                .build();
        return new BenchStore("JPA", database, engine, "domain_event_entry", dataSource, factory::destroy, sessions);
    }

    /**
     * {@link JdbcEventStorageEngine} with the default {@link EventSchema}, its tables created by
     * {@link PostgresEventTableFactory} (BIGSERIAL globalIndex, bytea payloads), on the same kind of pool and a
     * Spring {@link DataSourceTransactionManager}.
     */
    static BenchStore jdbc(BenchConfig config, String database, Serializer serializer, EventUpcaster upcasters,
                           int sessions) throws SQLException {
        recreateDatabase(config, database);
        HikariDataSource dataSource = dataSource(config, database, "jdbc");
        TransactionManager transactionManager =
                new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        EventSchema schema = new EventSchema();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(upcasters)
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .eventSerializer(serializer)
                .connectionProvider(JdbcEventStoreConfiguration.connectionProvider(dataSource))
                .transactionManager(transactionManager)
                .schema(schema)
                .build();
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        return new BenchStore("JDBC", database, engine, schema.domainEventTable(), dataSource, null, sessions);
    }

    private static HikariDataSource dataSource(BenchConfig config, String database, String poolName) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl(database));
        hikari.setUsername(config.user());
        if (!config.password().isEmpty()) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setMinimumIdle(POOL_SIZE);
        hikari.setPoolName("bench-" + poolName);
        return new HikariDataSource(hikari);
    }

    static void recreateDatabase(BenchConfig config, String database) throws SQLException {
        requireBenchName(database);
        try (Connection connection = admin(config); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    static void dropDatabase(BenchConfig config, String database) throws SQLException {
        requireBenchName(database);
        try (Connection connection = admin(config); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void requireBenchName(String database) {
        if (!database.matches("bench_[a-z0-9_]+")) {
            throw new IllegalArgumentException("benchmark databases are named bench_*, not " + database);
        }
    }

    static Connection admin(BenchConfig config) throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl("postgres"), config.user(), config.password());
    }

    long count() throws SQLException {
        return queryLong("SELECT count(*) FROM " + table);
    }

    long queryLong(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    String queryString(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            StringBuilder text = new StringBuilder();
            while (rows.next()) {
                if (!text.isEmpty()) {
                    text.append(", ");
                }
                text.append(rows.getString(1));
            }
            return text.toString();
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** What the schema looks like where it matters: payload column types and how the globalIndex is generated. */
    String describeSchema() throws SQLException {
        String payloadTypes = queryString("SELECT column_name || ' ' || data_type FROM information_schema.columns"
                + " WHERE table_name = '" + table.toLowerCase() + "' AND column_name IN ('payload', 'meta_data',"
                + " 'metadata') ORDER BY column_name");
        String sequences = queryString("SELECT sequencename || ' increment ' || increment_by || ' cache ' || cache_size"
                + " FROM pg_sequences WHERE sequencename LIKE 'domain%' ORDER BY sequencename");
        String indexes = queryString("SELECT indexdef FROM pg_indexes WHERE tablename = '" + table.toLowerCase()
                + "' ORDER BY indexname");
        return payloadTypes + "; sequence: " + sequences + "; indexes: " + indexes;
    }

    @Override
    public void close() throws Exception {
        if (closeFirst != null) {
            closeFirst.close();
        }
        dataSource.close();
    }
}

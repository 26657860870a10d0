package com.bookingengine.systest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test class ({@code systest_<random>}, created through the {@code postgres}
 * database and dropped {@code WITH (FORCE)} afterwards), and plain JDBC reads of it.
 */
final class Postgres implements AutoCloseable {

    static final String HOST = System.getProperty("systest.pg.host", "127.0.0.1");
    static final int PORT = Integer.getInteger("systest.pg.port", 5432);
    static final String USER = System.getProperty("systest.pg.user", "root");

    private static final String HOW_TO_START = "PostgreSQL must run at " + HOST + ":" + PORT + " (trust auth, user "
            + USER + ") for the system tests. Start it with:\n"
            + "    pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n"
            + "(.ci/run does this by itself).";

    final String name;
    private boolean dropped;

    private Postgres(String name) {
        this.name = name;
    }

    /** Creates a new empty database; fails (never skips) with how to start PostgreSQL when it is unreachable. */
    static Postgres createFresh() {
        String name = "systest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + " on PostgreSQL: " + e.getMessage()
                    + "\n" + HOW_TO_START, e);
        }
        return new Postgres(name);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database
                + "?connectTimeout=5", USER, "");
    }

    /** Every row of {@code sql} as column-name to value maps (column names lower case). */
    List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = connect(name); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on " + name + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row, as strings. */
    List<String> column(String sql, Object... parameters) {
        return rows(sql, parameters).stream()
                .map(row -> row.values().iterator().next())
                .map(value -> value == null ? null : value.toString())
                .toList();
    }

    long number(String sql, Object... parameters) {
        Object value = rows(sql, parameters).get(0).values().iterator().next();
        return value == null ? -1 : ((Number) value).longValue();
    }

    /** The event store's head: the highest global index, -1 when empty. */
    long head() {
        return number("select coalesce(max(global_index), -1) from domain_event_entry");
    }

    /** Whether the engine's schema exists yet (Flyway runs when the first node starts). */
    boolean hasSchema() {
        return number("select count(*) from information_schema.tables where table_name = 'domain_event_entry'") > 0;
    }

    @Override
    public synchronized void close() {
        if (dropped) {
            return;
        }
        dropped = true;
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.err.println("[systest] could not drop database " + name + ": " + e.getMessage());
        }
    }
}

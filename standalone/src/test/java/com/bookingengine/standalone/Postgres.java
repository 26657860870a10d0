package com.bookingengine.standalone;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local PostgreSQL server the PostgreSQL-profile tests run against (127.0.0.1:5432, user root, trust auth; CI's
 * {@code .ci/run} starts it). Each test class gets a database of its own and drops it afterwards.
 */
final class Postgres {

    static final String SERVER = System.getProperty("booking.test.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getProperty("booking.test.postgres-user", "root");

    private Postgres() {
    }

    /** Creates a fresh, empty database and returns its JDBC URL. */
    static String createDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("postgres", "create database " + name);
        return SERVER + name;
    }

    static void dropDatabase(String url) {
        execute("postgres", "drop database if exists " + url.substring(SERVER.length()) + " with (force)");
    }

    /** The engine's properties for the postgres profile on {@code url}, with the development keys' values as keys. */
    static Map<String, Object> profile(String url) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.profiles.active", "postgres");
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", USER);
        String[][] keys = {{Api.OWNER, "OWNER"}, {Api.BOOKER, "BOOKER"}, {Api.PAYMENTS, "PAYMENTS"},
                {Api.AUDITOR, "AUDITOR"}, {Api.OPERATOR, "OPERATOR"}};
        for (int i = 0; i < keys.length; i++) {
            properties.put("booking.security.api-keys[" + i + "].key", keys[i][0]);
            properties.put("booking.security.api-keys[" + i + "].name", keys[i][0]);
            properties.put("booking.security.api-keys[" + i + "].roles[0]", keys[i][1]);
        }
        return properties;
    }

    /** Runs a query and returns its rows, each column by its label. */
    static List<Map<String, Object>> rows(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, USER, "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                    row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(String url, String sql) {
        return ((Number) rows(url, sql).get(0).values().iterator().next()).longValue();
    }

    private static void execute(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + database, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " (user " + USER + ") refused '" + sql
                    + "': " + e.getMessage() + ". The PostgreSQL tests need the local server running: "
                    + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
    }
}

package com.bookingengine.platform.jpa;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * An {@code Instant} in a {@code timestamp with time zone} column of a plain JDBC statement, as Hibernate binds and
 * reads the read models' instants: a timestamp taken in UTC. Cheaper than an {@code OffsetDateTime}, whose offset the
 * PostgreSQL driver works out again for every value.
 */
public final class JdbcInstants {

    /** Shared: the drivers read only its time zone, never change it. */
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    private JdbcInstants() {
    }

    /** Binds {@code value} (null: SQL NULL). */
    public static void bind(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setTimestamp(index, Timestamp.from(value), UTC);
        }
    }

    /** The column's instant in the current row (null for SQL NULL). */
    public static Instant read(ResultSet row, int index) throws SQLException {
        Timestamp value = row.getTimestamp(index, UTC);
        return value == null ? null : value.toInstant();
    }
}

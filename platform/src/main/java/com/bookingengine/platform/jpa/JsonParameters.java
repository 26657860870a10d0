package com.bookingengine.platform.jpa;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Binds a value to a JSON column's parameter of a plain JDBC statement as Hibernate binds the read models' JSON
 * columns: the same text ({@link CachedJsonFormatMapper}), passed as each database takes JSON. H2 parses a JSON
 * column's value from bytes (a string would be stored as one JSON string); PostgreSQL casts text sent as an untyped
 * parameter to the column's {@code jsonb}. One instance serves every statement of the application (thread-safe).
 * It also reads such a column back, as Hibernate reads it: both databases give its JSON text.
 */
public final class JsonParameters {

    private final CachedJsonFormatMapper json = new CachedJsonFormatMapper();
    /** Null until the first statement is bound: whether its database is H2. */
    private volatile Boolean h2;

    /** Binds {@code value} (null: SQL NULL), written as a column of {@code type} holds it. */
    public void bind(PreparedStatement statement, int index, Object value, Type type) throws SQLException {
        boolean bytes = isH2(statement);
        if (value == null) {
            statement.setNull(index, bytes ? Types.VARBINARY : Types.OTHER);
        } else if (bytes) {
            statement.setBytes(index, json.write(value, type).getBytes(StandardCharsets.UTF_8));
        } else {
            statement.setObject(index, json.write(value, type), Types.OTHER);
        }
    }

    /** The value of a JSON column of {@code type} in the current row (null for SQL NULL). */
    public <T> T read(ResultSet row, int index, Type type) throws SQLException {
        String text = row.getString(index);
        return text == null ? null : json.read(text, type);
    }

    private boolean isH2(PreparedStatement statement) throws SQLException {
        Boolean known = h2;
        if (known == null) {
            known = "H2".equals(statement.getConnection().getMetaData().getDatabaseProductName());
            h2 = known;
        }
        return known;
    }
}

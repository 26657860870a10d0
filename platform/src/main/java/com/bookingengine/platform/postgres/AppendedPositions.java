package com.bookingengine.platform.postgres;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The global positions the event table gave a unit of work's events, read back from the insert that stored them
 * (JDBC generated keys), so a command can answer with its {@code X-Event-Position} without asking the store again
 * after its commit. Axon's JDBC engine builds and runs the insert; this builder prepares Axon's own statement asking
 * for the index column back, and reads it once the batch has run. Known only in the unit of work that appended, and
 * only where the store gives keys back (Axon's JDBC engine on H2 and PostgreSQL; not the JPA engine or Axon Server).
 */
public final class AppendedPositions {

    private static final String KEY = AppendedPositions.class.getName();

    private AppendedPositions() {
    }

    /** The highest position the events appended in this unit of work (its root) received, when the store said. */
    public static Optional<Long> highest(UnitOfWork<?> unitOfWork) {
        return Optional.ofNullable(unitOfWork.root().getResource(KEY));
    }

    /** Axon's append statement, reporting the positions it stored the events at to the current unit of work. */
    static PreparedStatement appendEvents(Connection connection, EventSchema schema, Class<?> dataType,
                                          List<? extends EventMessage<?>> events, Serializer serializer,
                                          TimestampWriter timestampWriter) throws SQLException {
        String[] keys = {schema.globalIndexColumn()};
        Connection returningKeys = proxy(Connection.class, connection, (method, args) ->
                method.getName().equals("prepareStatement") && args.length == 1
                        ? connection.prepareStatement((String) args[0], keys)
                        : method.invoke(connection, args));
        PreparedStatement insert = JdbcEventStorageEngineStatements.appendEvents(
                returningKeys, schema, dataType, events, serializer, timestampWriter);
        return proxy(PreparedStatement.class, insert, (method, args) -> {
            Object result = method.invoke(insert, args);
            if (method.getName().equals("executeBatch")) {
                record(insert);
            }
            return result;
        });
    }

    private static void record(PreparedStatement insert) throws SQLException {
        long highest = -1;
        try (ResultSet generated = insert.getGeneratedKeys()) {
            while (generated.next()) {
                highest = Math.max(highest, generated.getLong(1));
            }
        }
        if (highest >= 0 && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources()
                    .merge(KEY, highest, (known, now) -> Math.max((Long) known, (Long) now));
        }
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Call call) {
        return (T) Proxy.newProxyInstance(AppendedPositions.class.getClassLoader(), new Class<?>[]{type},
                (self, method, args) -> {
                    try {
                        return call.invoke(method, args == null ? new Object[0] : args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

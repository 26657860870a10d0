package com.bookingengine.query.availability;

import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.platform.jpa.JdbcInstants;
import com.bookingengine.platform.jpa.JsonParameters;
import org.springframework.dao.support.DataAccessUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an availability query reads, in plain SQL: values, never managed entities (nothing is kept for a dirty check
 * or flushed when the query's transaction ends), and no query string for Hibernate or Spring Data to parse, which a
 * repository's {@code @Query} costs every start (docs/BENCHMARKS.md, "Start-up under JFR"). Each column is read as
 * Hibernate writes it ({@link JsonParameters}, {@link JdbcInstants}).
 */
@Component
class AvailabilityReads {

    private static final String SEATS = "select session_id, start_at, end_at, capacity, reserved, waitlisted"
            + " from availability_session ";

    private final JdbcTemplate jdbc;
    private final JsonParameters json;
    private final RowMapper<SessionSeats> seats = (row, i) -> new SessionSeats(row.getString(1),
            JdbcInstants.read(row, 2), JdbcInstants.read(row, 3), row.getInt(4), row.getInt(5), row.getInt(6));

    AvailabilityReads(JdbcTemplate jdbc, JsonParameters json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The service's kind, policy and hours; empty when this read model does not have it. */
    Optional<ServiceTerms> terms(String serviceId) {
        return DataAccessUtils.optionalResult(jdbc.query("select service_id, type, policy, time_zone, schedule"
                + " from availability_service where service_id = ?", this::serviceTerms, serviceId));
    }

    /** Time held overlapping [from, to), by start. */
    List<HeldTime> heldOverlapping(String serviceId, Instant from, Instant to) {
        return jdbc.query("select provider_id, from_at, to_at from availability_block"
                        + " where service_id = ? and to_at > ? and from_at < ? order by from_at",
                serviceAndWindow(serviceId, from, to),
                (row, i) -> new HeldTime(row.getString(1), JdbcInstants.read(row, 2), JdbcInstants.read(row, 3)));
    }

    /** The service's sessions starting in [from, to), by start then id. */
    List<SessionSeats> seatsStartingIn(String serviceId, Instant from, Instant to) {
        return jdbc.query(SEATS + "where service_id = ? and start_at >= ? and start_at < ? order by start_at, session_id",
                serviceAndWindow(serviceId, from, to), seats);
    }

    /** The session, when it is one of the service's. */
    Optional<SessionSeats> seats(String sessionId, String serviceId) {
        return DataAccessUtils.optionalResult(
                jdbc.query(SEATS + "where session_id = ? and service_id = ?", seats, sessionId, serviceId));
    }

    /** A course's one slot (its sessions are one row). */
    Optional<SessionSeats> firstSeats(String serviceId) {
        return DataAccessUtils.optionalResult(
                jdbc.query(SEATS + "where service_id = ? order by session_id limit 1", seats, serviceId));
    }

    private ServiceTerms serviceTerms(ResultSet row, int index) throws SQLException {
        String type = row.getString(2);
        return new ServiceTerms(row.getString(1), type == null ? null : ServiceType.valueOf(type),
                json.read(row, 3, BookingPolicy.class), row.getString(4), json.read(row, 5, AppointmentSchedule.class));
    }

    /** A service and the two instants of a window, as the first three parameters. */
    private static PreparedStatementSetter serviceAndWindow(String serviceId, Instant from, Instant to) {
        return statement -> {
            statement.setString(1, serviceId);
            JdbcInstants.bind(statement, 2, from);
            JdbcInstants.bind(statement, 3, to);
        };
    }
}

package com.bookingengine.query.booking;

import com.bookingengine.platform.jpa.JsonParameters;
import com.bookingengine.query.GatheredWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * New rows of {@code booking_view}, made by the creation events of a unit of work (a processor's batch of events, or
 * one dead-letter retry) and inserted as one JDBC batch as it commits, in the transaction that moves the processor's
 * token: a batch that rolls back takes its rows with it. Through Hibernate, a new row cost a repository call, an
 * insert action and a flush: 44 % of a replaying processor's samples; written here, the query node spends about 0.7×
 * the CPU per replayed event (docs/BENCHMARKS.md, "Replay: booking rows by JDBC"). Later events of the same batch
 * change the waiting row, so it is inserted as it stands after them.
 */
@Component
class BookingInserts {

    private final JdbcTemplate jdbc;
    private final JsonParameters json;
    private final GatheredWrites<Map<String, BookingEntity>> rows =
            new GatheredWrites<>(BookingInserts.class, LinkedHashMap::new, pending -> write(pending.values()));

    BookingInserts(JdbcTemplate jdbc, JsonParameters json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts {@code row} when the unit of work commits (at once outside one). */
    void insert(BookingEntity row) {
        rows.add(pending -> {
            if (pending.putIfAbsent(row.getId(), row) != null) {
                throw new IllegalStateException("Booking " + row.getId() + " was created twice in one batch of events");
            }
        });
    }

    /** The row of {@code bookingId} if the current unit of work made it and has not inserted it yet. */
    Optional<BookingEntity> pending(String bookingId) {
        return rows.pending().map(pending -> pending.get(bookingId));
    }

    private void write(Collection<BookingEntity> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(BookingEntity.INSERT, rows, rows.size(), (insert, row) -> row.bindInsert(insert, json));
        }
    }
}

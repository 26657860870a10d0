package com.bookingengine.query.availability;

import com.bookingengine.query.GatheredWrites;
import jakarta.persistence.EntityManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seat and waitlist counters of {@code availability_session}, changed by the seat events of a unit of work (a
 * processor's batch of events, or one dead-letter retry), summed per session and written once as the unit of work
 * commits: one JDBC batch of {@code UPDATE ... SET reserved = reserved + ?} instead of a JPQL update per event, which
 * was a tenth of the standalone engine's CPU under load (docs/BENCHMARKS.md). The write runs in the transaction that
 * moves the processor's token, so a batch that rolls back takes its sums with it and its retry counts again.
 * <p>
 * A seat event for a session this read model does not have still fails in its handler (and is parked in the
 * dead-letter queue, with the later events of its session): the session is looked up once, then remembered.
 */
@Component
class SeatCounters {

    /** Remembered sessions at most; past it the memory starts again (a session is then looked up once more). */
    static final int KNOWN_SESSIONS = 20_000;

    private static final String SCHEDULED = SeatCounters.class.getName() + ".scheduled";
    private static final String UPDATE = "update availability_session set reserved = reserved + ?,"
            + " waitlisted = waitlisted + ? where session_id = ?";

    private final JdbcTemplate jdbc;
    private final EntityManager entityManager;
    /** Sessions known to be stored (sessions are deleted only by a reset, which forgets them). */
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final GatheredWrites<Map<String, int[]>> changes =
            new GatheredWrites<>(SeatCounters.class, LinkedHashMap::new, this::apply);

    SeatCounters(JdbcTemplate jdbc, EntityManager entityManager) {
        this.jdbc = jdbc;
        this.entityManager = entityManager;
    }

    /** A session inserted in the current unit of work: its seat events later in the same batch count. */
    void scheduled(String sessionId) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().<Set<String>>getOrComputeResource(SCHEDULED, key -> new HashSet<>())
                    .add(sessionId);
        }
    }

    /** Adds to the session's counters when the unit of work commits (at once outside one). */
    void add(String sessionId, int reserved, int waitlisted) {
        requireStored(sessionId, CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().<Set<String>>getOrDefaultResource(SCHEDULED, Set.of())
                : Set.of());
        changes.add(sums -> {
            int[] session = sums.computeIfAbsent(sessionId, id -> new int[2]);
            session[0] += reserved;
            session[1] += waitlisted;
        });
    }

    /** After a reset the sessions are gone until the replay schedules them again. */
    void forget() {
        known.clear();
    }

    private void requireStored(String sessionId, Set<String> scheduledNow) {
        if (known.contains(sessionId) || scheduledNow.contains(sessionId)) {
            return;
        }
        Integer rows = jdbc.queryForObject("select count(*) from availability_session where session_id = ?",
                Integer.class, sessionId);
        if (rows == null || rows == 0) {
            throw new IllegalStateException(
                    "Seats of session " + sessionId + " changed before the session was scheduled in this read model");
        }
        if (known.size() >= KNOWN_SESSIONS) {
            known.clear();
        }
        known.add(sessionId);
    }

    private void apply(Map<String, int[]> changes) {
        List<Object[]> rows = new ArrayList<>(changes.size());
        changes.forEach((sessionId, sums) -> {
            if (sums[0] != 0 || sums[1] != 0) {
                rows.add(new Object[]{sums[0], sums[1], sessionId});
            }
        });
        if (rows.isEmpty()) {
            return;
        }
        if (entityManager.isJoinedToTransaction()) {
            // sessions inserted earlier in the batch may still be in Hibernate's persistence context only
            entityManager.flush();
        }
        int[] updated = jdbc.batchUpdate(UPDATE, rows);
        for (int i = 0; i < updated.length; i++) {
            // JDBC may answer "done, count unknown" (-2) for a batched statement; only 0 means the row is missing
            if (updated[i] == 0) {
                throw new IllegalStateException("Session " + rows.get(i)[2] + " is not in the availability read model:"
                        + " its seat counts cannot be written");
            }
        }
    }
}

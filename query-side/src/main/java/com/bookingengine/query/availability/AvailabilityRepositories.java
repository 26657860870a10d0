package com.bookingengine.query.availability;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

interface AvailabilityServiceRepository extends JpaRepository<AvailabilityService, String> {
}

interface AvailabilityBlockRepository extends JpaRepository<AvailabilityBlock, String> {
    /** Blocks overlapping [from, to), by start. */
    List<AvailabilityBlock> findByServiceIdAndToAtGreaterThanAndFromAtLessThanOrderByFromAtAsc(String serviceId,
                                                                                             Instant from, Instant to);
}

/**
 * The seat counters change with one {@code UPDATE} each, never a read and a dirty check: a replay applies a seat event
 * for nearly every booking. Each answers how many rows it changed (0: the session is not in this read model). Rows
 * inserted earlier in the same transaction (a batch of events) are written first, so the update sees them.
 */
interface AvailabilitySessionRepository extends JpaRepository<AvailabilitySession, String> {
    List<AvailabilitySession> findByServiceIdAndStartAtGreaterThanEqualAndStartAtLessThanOrderByStartAtAscSessionIdAsc(
            String serviceId, Instant from, Instant to);

    Optional<AvailabilitySession> findFirstByServiceId(String serviceId);

    @Transactional
    @Modifying(flushAutomatically = true)
    @Query("update AvailabilitySession s set s.reserved = s.reserved + :seats where s.sessionId = :sessionId")
    int addReserved(String sessionId, int seats);

    @Transactional
    @Modifying(flushAutomatically = true)
    @Query("update AvailabilitySession s set s.waitlisted = s.waitlisted + :bookings where s.sessionId = :sessionId")
    int addWaitlisted(String sessionId, int bookings);
}

package com.bookingengine.query.availability;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/*
 * The reads of a query are JPQL strings selecting values ("select new"), not derived queries returning entities:
 * Hibernate caches the SQL of a JPQL string but translates a derived (criteria) query again on every call, and values
 * leave nothing in the persistence context for the flush at the end of the query bus's transaction to check.
 * docs/BENCHMARKS.md, "Availability query".
 */

interface AvailabilityServiceRepository extends JpaRepository<AvailabilityService, String> {
    @Query("select new com.bookingengine.query.availability.ServiceTerms(s.serviceId, s.type, s.policy, s.timeZone,"
            + " s.schedule) from AvailabilityService s where s.serviceId = :serviceId")
    Optional<ServiceTerms> terms(String serviceId);
}

interface AvailabilityBlockRepository extends JpaRepository<AvailabilityBlock, String> {
    /** Time held overlapping [from, to), by start. */
    @Query("select new com.bookingengine.query.availability.HeldTime(b.providerId, b.fromAt, b.toAt)"
            + " from AvailabilityBlock b where b.serviceId = :serviceId and b.toAt > :from and b.fromAt < :to"
            + " order by b.fromAt")
    List<HeldTime> heldOverlapping(String serviceId, Instant from, Instant to);
}

/** The seat counters are written by {@link SeatCounters}, once per batch of events, not through this repository. */
interface AvailabilitySessionRepository extends JpaRepository<AvailabilitySession, String> {
    String SEATS = "select new com.bookingengine.query.availability.SessionSeats(s.sessionId, s.startAt, s.endAt,"
            + " s.capacity, s.reserved, s.waitlisted) from AvailabilitySession s ";

    /** The service's sessions starting in [from, to), by start then id. */
    @Query(SEATS + "where s.serviceId = :serviceId and s.startAt >= :from and s.startAt < :to"
            + " order by s.startAt, s.sessionId")
    List<SessionSeats> seatsStartingIn(String serviceId, Instant from, Instant to);

    /** The session, when it is one of the service's. */
    @Query(SEATS + "where s.sessionId = :sessionId and s.serviceId = :serviceId")
    Optional<SessionSeats> seats(String sessionId, String serviceId);

    /** A course's one slot (its sessions are one row). */
    @Query(SEATS + "where s.serviceId = :serviceId order by s.sessionId limit 1")
    Optional<SessionSeats> firstSeats(String serviceId);
}

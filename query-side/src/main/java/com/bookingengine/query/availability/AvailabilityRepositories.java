package com.bookingengine.query.availability;

import org.springframework.data.jpa.repository.JpaRepository;

/*
 * The projection writes its rows through these repositories; an availability query reads them with plain SQL
 * (AvailabilityReads).
 */

interface AvailabilityServiceRepository extends JpaRepository<AvailabilityService, String> {
}

interface AvailabilityBlockRepository extends JpaRepository<AvailabilityBlock, String> {
}

/** The seat counters are written by {@link SeatCounters}, once per batch of events, not through this repository. */
interface AvailabilitySessionRepository extends JpaRepository<AvailabilitySession, String> {
}

package com.bookingengine.query.availability;

import org.springframework.data.jpa.repository.JpaRepository;

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

interface AvailabilitySessionRepository extends JpaRepository<AvailabilitySession, String> {
    List<AvailabilitySession> findByServiceIdAndStartAtGreaterThanEqualAndStartAtLessThanOrderByStartAtAscSessionIdAsc(
            String serviceId, Instant from, Instant to);

    Optional<AvailabilitySession> findFirstByServiceId(String serviceId);
}

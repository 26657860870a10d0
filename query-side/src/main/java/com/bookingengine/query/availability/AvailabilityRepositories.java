package com.bookingengine.query.availability;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.Instant;
import java.util.List;

interface AvailabilityServiceRepository extends JpaRepository<AvailabilityService, String> {
}

interface AvailabilitySessionRepository extends JpaRepository<AvailabilitySession, String> {
    List<AvailabilitySession> findByServiceIdAndStartAtGreaterThanEqualAndStartAtLessThanOrderByStartAtAscSessionIdAsc(
            String serviceId, Instant from, Instant to);
}

package com.bookingengine.query.booking;

import com.bookingengine.api.booking.BookingStatus;
import jakarta.persistence.criteria.Predicate;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

interface BookingViewRepository extends JpaRepository<BookingEntity, String>, JpaSpecificationExecutor<BookingEntity> {

    /** The statuses a calendar shows: a booking holding its place. Canceled and declined ones drop out. */
    Set<BookingStatus> CALENDAR_STATUSES = Set.of(BookingStatus.PENDING, BookingStatus.PENDING_CHECKOUT,
            BookingStatus.CONFIRMED);

    /**
     * A service's bookings for its calendar feed (see {@link #CALENDAR_STATUSES}; waitlisted ones hold no place),
     * all of them or, with {@code providerId}, only that provider's, by start. A criteria query, not a query string
     * ({@code @Query}), which Hibernate and Spring Data parse on every start (docs/BENCHMARKS.md, "Start-up under JFR").
     */
    default List<BookingEntity> calendar(String serviceId, String providerId) {
        return findAll((root, query, cb) -> {
            List<Predicate> where = new ArrayList<>(List.of(cb.equal(root.get("serviceId"), serviceId),
                    root.get("status").in(CALENDAR_STATUSES), cb.isFalse(root.get("waitlisted"))));
            if (providerId != null) {
                where.add(cb.equal(root.get("providerId"), providerId));
            }
            return cb.and(where.toArray(Predicate[]::new));
        }, Sort.by("startAt", "bookingId"));
    }
}

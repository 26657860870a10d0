package com.bookingengine.query.booking;

import com.bookingengine.api.booking.BookingStatus;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;
import java.util.Set;

interface BookingViewRepository extends JpaRepository<BookingEntity, String>, JpaSpecificationExecutor<BookingEntity> {

    /** The statuses a calendar shows: a booking holding its place. Canceled and declined ones drop out. */
    Set<BookingStatus> CALENDAR_STATUSES = Set.of(BookingStatus.PENDING, BookingStatus.PENDING_CHECKOUT,
            BookingStatus.CONFIRMED);

    /**
     * A service's bookings for its calendar feed (see {@link #CALENDAR_STATUSES}; waitlisted ones hold no place),
     * all of them or, with {@code providerId}, only that provider's.
     */
    default List<BookingEntity> calendar(String serviceId, String providerId) {
        return findCalendar(serviceId, providerId, CALENDAR_STATUSES);
    }

    @Query("select b from BookingEntity b where b.serviceId = :serviceId and b.status in :statuses"
            + " and b.waitlisted = false and (:providerId is null or b.providerId = :providerId)"
            + " order by b.startAt, b.bookingId")
    List<BookingEntity> findCalendar(@Param("serviceId") String serviceId, @Param("providerId") String providerId,
                                     @Param("statuses") Collection<BookingStatus> statuses);
}

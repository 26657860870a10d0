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
     * A service's bookings for its calendar feed (see {@link #CALENDAR_STATUSES}; waitlisted ones hold no place).
     * <p>
     * PROVIDER FILTER — the one place it applies. This branch's read model has no provider column yet (providers
     * are issue 12, added in parallel): {@code providerId} is accepted and checked at the edge but does not narrow
     * the list. When {@link BookingEntity} gains {@code providerId}, add {@code and (:providerId is null or
     * b.providerId = :providerId)} to {@link #findCalendar} and pass it on here.
     */
    default List<BookingEntity> calendar(String serviceId, String providerId) {
        return findCalendar(serviceId, CALENDAR_STATUSES);
    }

    @Query("select b from BookingEntity b where b.serviceId = :serviceId and b.status in :statuses"
            + " and b.waitlisted = false order by b.startAt, b.bookingId")
    List<BookingEntity> findCalendar(@Param("serviceId") String serviceId,
                                     @Param("statuses") Collection<BookingStatus> statuses);
}

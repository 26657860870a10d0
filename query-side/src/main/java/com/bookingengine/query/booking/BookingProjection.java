package com.bookingengine.query.booking;

import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingPage;
import com.bookingengine.api.booking.BookingStateChange;
import com.bookingengine.api.booking.BookingView;
import com.bookingengine.api.booking.FindBookingQuery;
import com.bookingengine.api.booking.ServiceCalendarQuery;
import com.bookingengine.api.booking.ListBookingsQuery;
import jakarta.persistence.criteria.Predicate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The booking list and detail read model ({@code GET /bookings}, {@code GET /bookings/{id}}). */
@Component
@ProcessingGroup(BookingProjection.PROCESSING_GROUP)
public class BookingProjection {

    public static final String PROCESSING_GROUP = "bookings";

    /** Sort keys a client may use, and the column each one sorts by. */
    public static final Map<String, String> SORT_KEYS = Map.of(
            "start", "startAt", "end", "endAt", "createdAt", "createdAt", "updatedAt", "updatedAt",
            "status", "status", "serviceName", "serviceName", "participants", "participants");

    private final BookingViewRepository repository;
    private final BookingInserts inserts;

    BookingProjection(BookingViewRepository repository, BookingInserts inserts) {
        this.repository = repository;
        this.inserts = inserts;
    }

    @EventHandler
    void on(BookingCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        inserts.insert(new BookingEntity(event, sequence, at));
    }

    /**
     * Every later lifecycle event says where the booking now stands: on the row its batch of events is about to
     * insert, or on the stored row (Hibernate writes the columns that changed as the batch commits).
     */
    @EventHandler
    void on(BookingStateChange event, @SequenceNumber long sequence, @Timestamp Instant at) {
        BookingEntity entity = inserts.pending(event.bookingId())
                .or(() -> repository.findById(event.bookingId()))
                .orElseThrow(() -> new IllegalStateException(
                        "Booking " + event.bookingId() + " changed before it was created in this read model"));
        entity.apply(event, sequence, at);
    }

    @ResetHandler
    void reset() {
        repository.deleteAllInBatch();
    }

    /** The service's calendar feed ({@code GET /calendar/services/{serviceId}.ics}). */
    @QueryHandler
    List<BookingView> handle(ServiceCalendarQuery query) {
        return repository.calendar(query.serviceId(), query.providerId()).stream().map(BookingEntity::toView).toList();
    }

    @QueryHandler
    Optional<BookingView> handle(FindBookingQuery query) {
        return repository.findById(query.bookingId()).map(BookingEntity::toView);
    }

    @QueryHandler
    BookingPage handle(ListBookingsQuery query) {
        Specification<BookingEntity> filter = (root, q, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (query.status() != null) {
                where.add(cb.equal(root.get("status"), query.status()));
            }
            if (query.serviceId() != null) {
                where.add(cb.equal(root.get("serviceId"), query.serviceId()));
            }
            if (query.providerId() != null) {
                where.add(cb.equal(root.get("providerId"), query.providerId()));
            }
            if (query.contactId() != null) {
                where.add(cb.equal(root.get("contactId"), query.contactId()));
            }
            if (query.from() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("startAt"), query.from()));
            }
            if (query.to() != null) {
                where.add(cb.lessThan(root.get("startAt"), query.to()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        Page<BookingEntity> page = repository.findAll(filter,
                PageRequest.of(query.page(), query.size(), sort(query.sort())));
        return new BookingPage(page.map(BookingEntity::toView).getContent(), query.page(), query.size(),
                page.getTotalElements());
    }

    /** {@code "start,desc"} → start descending, then booking id so that pages never overlap. */
    private static Sort sort(String sort) {
        String[] parts = (sort == null || sort.isBlank() ? "start" : sort).split(",");
        Sort.Direction direction = parts.length > 1 && parts[1].trim().equalsIgnoreCase("desc")
                ? Sort.Direction.DESC : Sort.Direction.ASC;
        return Sort.by(direction, SORT_KEYS.get(parts[0].trim())).and(Sort.by("bookingId"));
    }
}

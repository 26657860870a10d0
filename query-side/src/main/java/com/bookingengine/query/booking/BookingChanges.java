package com.bookingengine.query.booking;

import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingStateChange;
import com.bookingengine.api.booking.BookingView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns booking events, read in event-store order, into the booking as {@code GET /bookings/{id}} shows it right
 * after each one (the live streams' {@code data}). It folds with {@link BookingAsOf}'s code, never from the read
 * model, so the answer is exact whichever node reads and however far its projection lags. It remembers the last
 * state of recently changed bookings, so the next change of one costs no store read (a reader sees every later
 * event of a booking, in its order, once it has seen one); one instance per reader,
 * used by one thread.
 */
public final class BookingChanges {

    private static final int REMEMBERED = 10_000;

    private final BookingAsOf history;
    private final Map<String, BookingEntity> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BookingEntity> eldest) {
            return size() > REMEMBERED;
        }
    };

    public BookingChanges(BookingAsOf history) {
        this.history = history;
    }

    /** Whether {@code event} changes a booking as the booking list shows it (without reading its payload). */
    public static boolean isBookingChange(EventMessage<?> event) {
        Class<?> type = event.getPayloadType();
        return event instanceof DomainEventMessage<?>
                && (BookingCreatedEvent.class.isAssignableFrom(type) || BookingStateChange.class.isAssignableFrom(type));
    }

    /** The booking right after {@code event}; empty for an event that is no booking change. */
    public Optional<BookingView> after(EventMessage<?> event) {
        if (!isBookingChange(event)) {
            return Optional.empty();
        }
        DomainEventMessage<?> change = (DomainEventMessage<?>) event;
        String bookingId = change.getAggregateIdentifier();
        BookingEntity known = recent.remove(bookingId);
        BookingEntity booking;
        if (change.getPayload() instanceof BookingCreatedEvent || (known != null
                && known.lastSequence() < change.getSequenceNumber())) {
            booking = BookingAsOf.applied(known, bookingId, change);
        } else {
            booking = history.afterSequence(bookingId, change.getSequenceNumber()).orElse(null);
        }
        if (booking == null) {
            return Optional.empty();
        }
        recent.put(bookingId, booking);
        return Optional.of(booking.toView());
    }

    /**
     * Drops what is remembered of the booking {@code event} belongs to: for an event this reader passes by without
     * folding it (nobody listens, or it does not read back), so a later change is folded from the store again.
     */
    public void forget(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain) {
            recent.remove(domain.getAggregateIdentifier());
        }
    }
}

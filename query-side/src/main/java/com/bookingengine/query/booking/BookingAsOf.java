package com.bookingengine.query.booking;

import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingStateChange;
import com.bookingengine.api.booking.BookingView;
import com.bookingengine.platform.error.ConflictException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A booking as it stood at an instant, folded from its own events in the event store with the same code the
 * booking projection uses: an auditor's answer never depends on the read model. An event up to that instant that no
 * longer reads back (docs/AUDIT.md) makes the answer a 409 naming it: a state folded without it would be a guess.
 */
@Component
public class BookingAsOf {

    private static final Logger log = LoggerFactory.getLogger(BookingAsOf.class);

    private final EventStore eventStore;

    BookingAsOf(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Empty when the booking did not exist yet at {@code asOf} (or never did). */
    public Optional<BookingView> at(String bookingId, Instant asOf) {
        return fold(bookingId, event -> !event.getTimestamp().isAfter(asOf)).map(BookingEntity::toView);
    }

    /** The booking right after its event {@code sequence}: what a live stream sends for that change. */
    Optional<BookingEntity> afterSequence(String bookingId, long sequence) {
        return fold(bookingId, event -> event.getSequenceNumber() <= sequence);
    }

    /** Folds the booking's events from the first while {@code include} holds. */
    private Optional<BookingEntity> fold(String bookingId, Predicate<DomainEventMessage<?>> include) {
        BookingEntity booking = null;
        DomainEventStream events = eventStore.readEvents(bookingId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (!include.test(event)) {
                break;
            }
            booking = applied(booking, bookingId, event);
        }
        return Optional.ofNullable(booking);
    }

    /** {@code booking} after {@code event} (null before the booking's creation), with the booking projection's code. */
    static BookingEntity applied(BookingEntity booking, String bookingId, DomainEventMessage<?> event) {
        Object payload = payloadOf(bookingId, event);
        if (payload instanceof BookingCreatedEvent created) {
            return new BookingEntity(created, event.getSequenceNumber(), event.getTimestamp());
        }
        if (booking != null && payload instanceof BookingStateChange change) {
            booking.apply(change, event.getSequenceNumber(), event.getTimestamp());
        }
        return booking;
    }

    private static Object payloadOf(String bookingId, DomainEventMessage<?> event) {
        String failure;
        try {
            Object payload = event.getPayload();
            if (!(payload instanceof UnknownSerializedType unknown)) {
                return payload;
            }
            failure = "unknown event type " + unknown.serializedType().getName();
        } catch (RuntimeException | LinkageError e) {
            failure = e.toString();
        }
        log.warn("Booking {} as of an instant: stored event {} (sequence {}) cannot be read: {}", bookingId,
                event.getIdentifier(), event.getSequenceNumber(), failure.lines().findFirst().orElse(""));
        throw new ConflictException("unreadableEvent", "The history of booking " + bookingId + " holds an event "
                + "that cannot be read (sequence " + event.getSequenceNumber() + "), so its state at that instant "
                + "cannot be computed; its history (GET /bookings/{id}/history) shows that event as stored");
    }
}

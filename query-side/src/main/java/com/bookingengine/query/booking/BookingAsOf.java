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
        BookingEntity booking = null;
        DomainEventStream events = eventStore.readEvents(bookingId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getTimestamp().isAfter(asOf)) {
                break;
            }
            Object payload = payloadOf(bookingId, event);
            if (payload instanceof BookingCreatedEvent created) {
                booking = new BookingEntity(created, event.getSequenceNumber(), event.getTimestamp());
            } else if (booking != null && payload instanceof BookingStateChange change) {
                booking.apply(change, event.getSequenceNumber(), event.getTimestamp());
            }
        }
        return Optional.ofNullable(booking).map(BookingEntity::toView);
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

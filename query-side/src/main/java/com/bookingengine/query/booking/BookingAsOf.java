package com.bookingengine.query.booking;

import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingStateChange;
import com.bookingengine.api.booking.BookingView;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * A booking as it stood at an instant, folded from its own events in the event store with the same code the
 * booking projection uses: an auditor's answer never depends on the read model.
 */
@Component
public class BookingAsOf {

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
            if (event.getPayload() instanceof BookingCreatedEvent created) {
                booking = new BookingEntity(created, event.getSequenceNumber(), event.getTimestamp());
            } else if (booking != null && event.getPayload() instanceof BookingStateChange change) {
                booking.apply(change, event.getSequenceNumber(), event.getTimestamp());
            }
        }
        return Optional.ofNullable(booking).map(BookingEntity::toView);
    }
}

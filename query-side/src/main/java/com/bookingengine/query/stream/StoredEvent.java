package com.bookingengine.query.stream;

import com.bookingengine.api.booking.BookingView;
import com.bookingengine.query.booking.BookingChanges;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;

/**
 * One event of the store as the streams need it: its global position, the booking right after it (when it is a
 * booking change) and the service it concerns (when its payload names one). Built once per reader and event,
 * shared by every subscriber.
 */
record StoredEvent(long position, Optional<BookingView> booking, String serviceId) {

    private static final Logger log = LoggerFactory.getLogger(StoredEvent.class);

    /** Every event payload of the published language that concerns a service names it in {@code serviceId}. */
    private static final ClassValue<Optional<RecordComponent>> SERVICE_ID = new ClassValue<>() {
        @Override
        protected Optional<RecordComponent> computeValue(Class<?> type) {
            return type.isRecord() ? Arrays.stream(type.getRecordComponents())
                    .filter(c -> c.getName().equals("serviceId") && c.getType() == String.class).findFirst()
                    : Optional.empty();
        }
    };

    static StoredEvent of(TrackedEventMessage<?> message, BookingChanges changes) {
        long position = message.trackingToken().position().orElse(-1);
        try {
            Optional<BookingView> booking = changes.after(message);
            String serviceId = booking.map(BookingView::serviceId).orElseGet(() -> serviceIdOf(message.getPayload()));
            return new StoredEvent(position, booking, serviceId);
        } catch (RuntimeException | LinkageError e) {
            // An event that does not read back (docs/AUDIT.md) is left out of the streams, as it is of the projections.
            log.warn("Live streams skip the event at position {}: {}", position, e.toString());
            changes.forget(message);
            return new StoredEvent(position, Optional.empty(), null);
        }
    }

    private static String serviceIdOf(Object payload) {
        if (payload == null) {
            return null;
        }
        return SERVICE_ID.get(payload.getClass()).map(component -> {
            try {
                return (String) component.getAccessor().invoke(payload);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }).orElse(null);
    }
}

package com.bookingengine.command.position;

import com.bookingengine.platform.postgres.AppendedPositions;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Remembers, per thread, the last event the last committed unit of work on that thread stored: its aggregate and
 * sequence number, and its global position where the store gave it back on insert ({@link AppendedPositions});
 * otherwise the position is looked up once the store has committed it. A command sent through the gateway is
 * handled on the caller's thread (the request's), unless Axon Server routes it elsewhere.
 */
@Component
public class LastEvents {

    /** An event as its aggregate's stream numbers it, and its global position when known (else null). */
    public record StoredEvent(String aggregateId, long sequence, Long position) {
    }

    private static final String KEY = LastEvents.class.getName();
    private static final ThreadLocal<StoredEvent> LAST = new ThreadLocal<>();

    public LastEvents(EventStore eventStore) {
        eventStore.registerDispatchInterceptor(messages -> {
            if (!messages.isEmpty() && CurrentUnitOfWork.isStarted()
                    && messages.get(messages.size() - 1) instanceof DomainEventMessage<?> last) {
                remember(CurrentUnitOfWork.get().root(), last);
            }
            return (index, message) -> message;
        });
    }

    private static void remember(UnitOfWork<?> root, EventMessage<?> event) {
        DomainEventMessage<?> last = (DomainEventMessage<?>) event;
        boolean first = !root.resources().containsKey(KEY);
        root.resources().put(KEY, last);
        if (first) {
            root.afterCommit(u -> {
                DomainEventMessage<?> stored = u.getResource(KEY);
                LAST.set(new StoredEvent(stored.getAggregateIdentifier(), stored.getSequenceNumber(),
                        AppendedPositions.highest(u).orElse(null)));
            });
        }
    }

    /** The last event committed on this thread since the last call, if any; forgets it. */
    public Optional<StoredEvent> take() {
        StoredEvent last = LAST.get();
        LAST.remove();
        return Optional.ofNullable(last);
    }
}

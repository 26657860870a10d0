package com.bookingengine.command.capacity;

import com.bookingengine.api.booking.SeatsReleasedEvent;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import com.bookingengine.platform.error.ConflictException;
import com.bookingengine.platform.error.InvalidInputException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One class session and the seats it has given out: the single owner of the capacity invariant for that
 * session. Every seat is taken or given back through this aggregate, in the same unit of work as the booking
 * change that needs it, and the event store's unique (aggregate id, sequence number) key turns two nodes
 * deciding on the same session at once into one winner and one retry.
 */
@Aggregate
public class ClassSession {

    @AggregateIdentifier
    private String sessionId;
    private String serviceId;
    private Instant start;
    private Instant end;
    private int capacity;
    private final Map<String, Integer> seatsByBooking = new HashMap<>();
    private int taken;

    protected ClassSession() {
        // for Axon
    }

    public ClassSession(String sessionId, String serviceId, Instant start, Instant end, int capacity) {
        if (start == null || end == null || !end.isAfter(start)) {
            throw new InvalidInputException("end", "A session must end after it starts");
        }
        if (capacity < 1) {
            throw new InvalidInputException("capacity", "capacity must be at least 1");
        }
        apply(new SessionScheduledEvent(sessionId, serviceId, start, end, capacity));
    }

    /**
     * Gives {@code participants} seats to a booking, or refuses with a 409 when they do not fit. Asking again
     * for a booking that already holds seats changes nothing.
     */
    public void reserve(String bookingId, int participants) {
        if (seatsByBooking.containsKey(bookingId)) {
            return;
        }
        if (taken + participants > capacity) {
            throw new ConflictException("capacity", "Session " + sessionId + " has " + openSpots()
                    + " open spot(s); the booking needs " + participants);
        }
        apply(new SeatsReservedEvent(sessionId, serviceId, bookingId, participants));
    }

    /** Gives a booking's seats back. A booking that holds none changes nothing. */
    public void release(String bookingId) {
        Integer seats = seatsByBooking.get(bookingId);
        if (seats != null) {
            apply(new SeatsReleasedEvent(sessionId, serviceId, bookingId, seats));
        }
    }

    public String serviceId() {
        return serviceId;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    public int openSpots() {
        return capacity - taken;
    }

    @EventSourcingHandler
    void on(SessionScheduledEvent event) {
        sessionId = event.sessionId();
        serviceId = event.serviceId();
        start = event.start();
        end = event.end();
        capacity = event.capacity();
    }

    @EventSourcingHandler
    void on(SeatsReservedEvent event) {
        seatsByBooking.put(event.bookingId(), event.participants());
        taken += event.participants();
    }

    @EventSourcingHandler
    void on(SeatsReleasedEvent event) {
        seatsByBooking.remove(event.bookingId());
        taken -= event.participants();
    }
}

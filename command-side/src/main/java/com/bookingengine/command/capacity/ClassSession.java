package com.bookingengine.command.capacity;

import com.bookingengine.api.booking.SeatsReleasedEvent;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.booking.WaitlistJoinedEvent;
import com.bookingengine.api.booking.WaitlistLeftEvent;
import com.bookingengine.api.catalogue.CourseSessionsScheduledEvent;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.caching.CacheNames;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.bookingengine.api.rules.Rule.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One class session, or one course, and the seats it has given out: the single owner of the capacity invariant
 * for that session or course. A course is one pool of seats for its whole fixed set of sessions (capacity counts
 * per course), spanning its first session's start to its last session's end, with the id
 * {@link #courseId(String) serviceId:course}. Every seat is taken or given back through this aggregate, in the same unit of work as the booking
 * change that needs it, and the event store's unique (aggregate id, sequence number) key turns two nodes
 * deciding on the same session at once into one winner and one retry.
 * <p>
 * The session also owns its waitlist (bookings in arrival order, holding no seat), so that "no room, so wait"
 * and "a seat came free, so the oldest waiting booking that fits takes it" are decided on the same state as
 * the seats themselves.
 */
@Aggregate(cache = CacheNames.SESSIONS)
public class ClassSession {

    @AggregateIdentifier
    private String sessionId;
    private String serviceId;
    private Instant start;
    private Instant end;
    private int capacity;
    private final Map<String, Integer> seatsByBooking = new HashMap<>();
    private int taken;
    /** Waitlisted bookings and their participants, oldest first. */
    private final LinkedHashMap<String, Integer> waitlist = new LinkedHashMap<>();

    /** A waitlisted booking that has just been given its seats. */
    public record Promotion(String bookingId, int participants) {
    }

    protected ClassSession() {
        // for Axon
    }

    public ClassSession(String sessionId, String serviceId, Instant start, Instant end, int capacity) {
        if (start == null || end == null || !end.isAfter(start)) {
            throw new RuleViolation(SESSION_ENDS_BEFORE_START, "A session must end after it starts");
        }
        if (capacity < 1) {
            throw new RuleViolation(CAPACITY_BELOW_ONE, "capacity must be at least 1");
        }
        apply(new SessionScheduledEvent(sessionId, serviceId, start, end, capacity));
    }

    /** The seats of a course: one pool from the first session's start to the last one's end. */
    public static ClassSession course(String serviceId, List<CourseSessionsScheduledEvent.Meeting> meetings,
                                      int capacity) {
        ClassSession course = new ClassSession(courseId(serviceId), serviceId,
                meetings.stream().map(CourseSessionsScheduledEvent.Meeting::start).min(Instant::compareTo).orElseThrow(),
                meetings.stream().map(CourseSessionsScheduledEvent.Meeting::end).max(Instant::compareTo).orElseThrow(),
                capacity);
        apply(new CourseSessionsScheduledEvent(courseId(serviceId), serviceId, List.copyOf(meetings)));
        return course;
    }

    /** The id of a course's seat pool: no client-given session id contains ':'. */
    public static String courseId(String serviceId) {
        return serviceId + ":course";
    }

    /**
     * Gives {@code participants} seats to a booking, or refuses ({@code NO_OPEN_SPOTS}) when they do not fit.
     * Asking again for a booking that already holds seats changes nothing.
     */
    public void reserve(String bookingId, int participants) {
        if (seatsByBooking.containsKey(bookingId)) {
            return;
        }
        if (taken + participants > capacity) {
            throw new RuleViolation(NO_OPEN_SPOTS, "Session " + sessionId + " has " + openSpots()
                    + " open spot(s); the booking needs " + participants);
        }
        apply(new SeatsReservedEvent(sessionId, serviceId, bookingId, participants));
    }

    /**
     * Gives the booking seats when they fit; otherwise puts it at the end of the waitlist when the waitlist has
     * fewer than {@code waitlistCapacity} bookings (0 = the caller did not ask for the waitlist, or the service
     * has none), or refuses. Answers whether the booking was waitlisted.
     */
    public boolean reserveOrWaitlist(String bookingId, int participants, int waitlistCapacity) {
        if (seatsByBooking.containsKey(bookingId)) {
            return false;
        }
        if (waitlist.containsKey(bookingId)) {
            return true;
        }
        if (taken + participants <= capacity || waitlistCapacity <= 0 || participants > capacity) {
            reserve(bookingId, participants);
            return false;
        }
        if (waitlist.size() >= waitlistCapacity) {
            throw new RuleViolation(WAITLIST_FULL, "Session " + sessionId + " has " + openSpots()
                    + " open spot(s); the booking needs " + participants + " and the waitlist is full ("
                    + waitlist.size() + " of " + waitlistCapacity + ")");
        }
        apply(new WaitlistJoinedEvent(sessionId, serviceId, bookingId, participants));
        return true;
    }

    /** Takes a canceled or declined booking off the waitlist. A booking not on it changes nothing. */
    public void leaveWaitlist(String bookingId) {
        Integer participants = waitlist.get(bookingId);
        if (participants != null) {
            apply(new WaitlistLeftEvent(sessionId, serviceId, bookingId, participants, false));
        }
    }

    /**
     * Gives free seats to waitlisted bookings, oldest first, skipping any that does not fit (a later, smaller one
     * may), and answers the bookings promoted, in order. The caller moves each of them on.
     */
    public List<Promotion> promoteWaitlisted() {
        List<Promotion> promoted = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : new ArrayList<>(waitlist.entrySet())) {
            if (entry.getValue() <= openSpots()) {
                apply(new WaitlistLeftEvent(sessionId, serviceId, entry.getKey(), entry.getValue(), true));
                apply(new SeatsReservedEvent(sessionId, serviceId, entry.getKey(), entry.getValue()));
                promoted.add(new Promotion(entry.getKey(), entry.getValue()));
            }
        }
        return promoted;
    }

    /**
     * Changes the seats a booking holds to {@code participants}: more only when the extra seats fit (refused
     * otherwise), fewer gives the rest back. Recorded as the old seats released and the new count reserved.
     */
    public void changeSeats(String bookingId, int participants) {
        Integer held = seatsByBooking.get(bookingId);
        if (held == null) {
            throw new IllegalStateException("Booking " + bookingId + " holds no seats in session " + sessionId);
        }
        if (held == participants) {
            return;
        }
        if (taken - held + participants > capacity) {
            throw new RuleViolation(NO_OPEN_SPOTS, "Session " + sessionId + " has " + openSpots()
                    + " open spot(s); the booking needs " + (participants - held) + " more");
        }
        apply(new SeatsReleasedEvent(sessionId, serviceId, bookingId, held));
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

    /** Seats held per booking (a copy): what the capacity invariant is checked against. */
    public Map<String, Integer> seatsByBooking() {
        return Map.copyOf(seatsByBooking);
    }

    public int capacity() {
        return capacity;
    }

    public int taken() {
        return taken;
    }

    /** Waitlisted booking ids, oldest first. */
    public List<String> waitlist() {
        return List.copyOf(waitlist.keySet());
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
    void on(WaitlistJoinedEvent event) {
        waitlist.put(event.bookingId(), event.participants());
    }

    @EventSourcingHandler
    void on(WaitlistLeftEvent event) {
        waitlist.remove(event.bookingId());
    }

    @EventSourcingHandler
    void on(SeatsReleasedEvent event) {
        seatsByBooking.remove(event.bookingId());
        taken -= event.participants();
    }
}

package com.bookingengine.command.capacity;

import com.bookingengine.api.booking.AppointmentTimeReleasedEvent;
import com.bookingengine.api.booking.AppointmentTimeReservedEvent;
import com.bookingengine.api.booking.ProviderDayOpenedEvent;
import com.bookingengine.api.common.TimeRange;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.caching.CacheNames;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.bookingengine.api.rules.Rule.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One local date of one appointment provider's time, and the bookings holding parts of it: the single owner of
 * "no two appointments of the provider overlap, buffers included" for that date.
 * <p>
 * A booking holds [start, end + buffer). That interval is cut at local midnight into {@link #pieces}, and each
 * piece is reserved in the day it falls on, in the same unit of work as the booking: an appointment at 23:30 whose
 * buffer runs past midnight writes to both days, so a booking of 00:00 the next day meets it in that day's
 * aggregate. Every decision about a piece of time is therefore taken by the one aggregate whose event stream holds
 * all other claims on it, and two nodes deciding on the same day at once append the same sequence number: one
 * wins, the other's append fails and is retried against the new state. A day is small (at most a few dozen
 * bookings), so loading it is cheap, and bookings of different days (or of different providers) never contend.
 * <p>
 * Its id is {@code <serviceId>/<providerId>@<yyyy-MM-dd>}, or {@code <serviceId>@<yyyy-MM-dd>} for the implicit
 * provider of a service that lists none: the id every day had before providers existed, so those days read on.
 */
@Aggregate(cache = CacheNames.PROVIDER_DAYS)
public class ProviderDay {

    @AggregateIdentifier
    private String dayId;
    private String serviceId;
    private String providerId;
    private LocalDate date;
    private final Map<String, Piece> held = new HashMap<>();

    /** A stretch of one day's time. */
    public record Piece(String dayId, LocalDate date, Instant from, Instant to) {

        TimeRange time() {
            return new TimeRange(from, to);
        }
    }

    protected ProviderDay() {
        // for Axon
    }

    public ProviderDay(String dayId, String serviceId, String providerId, LocalDate date, String timeZone) {
        apply(new ProviderDayOpenedEvent(dayId, serviceId, date, timeZone, providerId));
    }

    /** The implicit provider's day: {@code <serviceId>@<yyyy-MM-dd>}, the provider is the service itself. */
    public static String dayId(String serviceId, LocalDate date) {
        return dayId(serviceId, null, date);
    }

    /** {@code <serviceId>/<providerId>@<yyyy-MM-dd>}; the implicit provider's (null) as before providers existed. */
    public static String dayId(String serviceId, String providerId, LocalDate date) {
        return providerId == null ? serviceId + "@" + date : serviceId + "/" + providerId + "@" + date;
    }

    /** The implicit provider's pieces of {@code time}. */
    public static List<Piece> pieces(String serviceId, ZoneId zone, TimeRange time) {
        return pieces(serviceId, null, zone, time);
    }

    /** {@code time} cut at local midnights of {@code zone}, one piece per local date it touches, in order. */
    public static List<Piece> pieces(String serviceId, String providerId, ZoneId zone, TimeRange time) {
        Instant from = time.from();
        Instant to = time.to();
        List<Piece> pieces = new ArrayList<>();
        Instant cursor = from;
        while (cursor.isBefore(to)) {
            LocalDate date = cursor.atZone(zone).toLocalDate();
            Instant nextMidnight = date.plusDays(1).atStartOfDay(zone).toInstant();
            Instant pieceEnd = nextMidnight.isBefore(to) ? nextMidnight : to;
            pieces.add(new Piece(dayId(serviceId, providerId, date), date, cursor, pieceEnd));
            cursor = pieceEnd;
        }
        return pieces;
    }

    /**
     * Gives [from, to) of this day to a booking, or refuses ({@code PROVIDER_TIME_TAKEN}) when another booking holds
     * any of it. A booking that already holds exactly this time changes nothing; one that holds other time of this
     * day (a reschedule within the day) gives that back in the same step, so it never collides with itself.
     */
    public void reserve(String bookingId, Instant from, Instant to) {
        Piece current = held.get(bookingId);
        if (current != null && current.from().equals(from) && current.to().equals(to)) {
            return;
        }
        clash(bookingId, from, to).ifPresent(other -> {
            throw new RuleViolation(PROVIDER_TIME_TAKEN, "The provider is booked from " + other.from()
                    + " to " + other.to() + " (buffer included); " + from + " to " + to + " is not free");
        });
        if (current != null) {
            apply(new AppointmentTimeReleasedEvent(dayId, serviceId, bookingId, current.from(), current.to(),
                    providerId));
        }
        apply(new AppointmentTimeReservedEvent(dayId, serviceId, bookingId, from, to, providerId));
    }

    /** Whether [from, to) of this day is free for {@code bookingId} (the time it holds itself does not count). */
    public boolean isFree(String bookingId, Instant from, Instant to) {
        return clash(bookingId, from, to).isEmpty();
    }

    /** How many bookings hold time this day: what "the provider with the fewest bookings that day" counts. */
    public int bookings() {
        return held.size();
    }

    private java.util.Optional<Piece> clash(String bookingId, Instant from, Instant to) {
        TimeRange wanted = new TimeRange(from, to);
        return held.entrySet().stream()
                .filter(other -> !other.getKey().equals(bookingId) && other.getValue().time().overlaps(wanted))
                .map(Map.Entry::getValue).findFirst();
    }

    /** Takes back the time a booking holds this day. A booking that holds none changes nothing. */
    public void release(String bookingId) {
        Piece piece = held.get(bookingId);
        if (piece != null) {
            apply(new AppointmentTimeReleasedEvent(dayId, serviceId, bookingId, piece.from(), piece.to(),
                    providerId));
        }
    }

    /** The time held per booking (a copy): what the no-overlap invariant is checked against. */
    public Map<String, Piece> held() {
        return Map.copyOf(held);
    }

    @EventSourcingHandler
    void on(ProviderDayOpenedEvent event) {
        dayId = event.dayId();
        serviceId = event.serviceId();
        providerId = event.providerId();
        date = event.date();
    }

    @EventSourcingHandler
    void on(AppointmentTimeReservedEvent event) {
        held.put(event.bookingId(), new Piece(dayId, date, event.from(), event.to()));
    }

    @EventSourcingHandler
    void on(AppointmentTimeReleasedEvent event) {
        held.remove(event.bookingId());
    }
}

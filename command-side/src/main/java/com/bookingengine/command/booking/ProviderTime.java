package com.bookingengine.command.booking;

import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.catalogue.Provider;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.capacity.ProviderDay;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static com.bookingengine.api.rules.Rule.PROVIDER_TIME_TAKEN;

/**
 * An appointment provider's time: a booking holds [start, end + buffer) of one provider, cut at local midnights into
 * pieces, each owned by that provider's {@link ProviderDay} of the date it falls on.
 * <p>
 * Choosing a provider ("any available", or a move that cannot keep its provider) reads every candidate's days in
 * this one unit of work, locked in id order, takes the first candidate free for the whole held time, and writes only
 * that provider's days. Candidates come in the order of preference: the provider a moving booking has (when still
 * able), then the one with the fewest bookings on the slot's local date, ties by the service's order of providers.
 * No provider ever double-books, because the chosen day itself refuses an overlap; and a choice raced by another
 * node fails on that day's append (a lost race) and is decided again on fresh state, so it moves on to the next
 * free provider. See docs/ARCHITECTURE.md, "Providers and any-available".
 */
record ProviderTime(Repository<ProviderDay> days) implements Holding {

    @Override
    public Held take(String bookingId, Wanted wanted) {
        return new Held(claim(bookingId, wanted, null), false, List.of());
    }

    @Override
    public Held move(Booking booking, Wanted wanted) {
        return new Held(claim(booking.bookingId(), wanted, booking.place()), false, List.of());
    }

    /** Appointments keep their one participant (the booking refuses a change first). */
    @Override
    public List<String> resize(Booking booking, int participants) {
        return List.of();
    }

    @Override
    public List<String> release(Booking booking) {
        for (ProviderDay.Piece piece : pieces(booking.serviceId(), booking.terms(), booking.place())) {
            find(piece.dayId()).ifPresent(day -> day.execute(d -> d.release(booking.bookingId())));
        }
        return List.of();
    }

    /** Appointments have no waitlist. */
    @Override
    public void leaveWaitlist(Booking booking) {
    }

    /**
     * Gives the booking the wanted time of the first free candidate and, for a move, gives back what it held at
     * {@code from} that the new time does not reuse. Answers the place with the provider it got.
     */
    private Place claim(String bookingId, Wanted wanted, Place from) {
        String serviceId = wanted.service().serviceId();
        ZoneId zone = ZoneId.of(wanted.terms().timeZone());
        Place place = wanted.place();
        List<String> candidates = candidates(wanted, zone);
        Map<String, List<ProviderDay.Piece>> piecesOf = new java.util.HashMap<>(); // the implicit provider is null
        Set<String> dayIds = new TreeSet<>();
        for (String provider : candidates) {
            List<ProviderDay.Piece> pieces = pieces(serviceId, wanted.terms(), place.of(provider));
            piecesOf.put(provider, pieces);
            pieces.forEach(p -> dayIds.add(p.dayId()));
        }
        List<ProviderDay.Piece> old = from == null ? List.of() : pieces(serviceId, wanted.terms(), from);
        old.forEach(p -> dayIds.add(p.dayId()));
        Map<String, Aggregate<ProviderDay>> locked = new TreeMap<>();
        for (String dayId : dayIds) { // id order: two commands never wait on each other's days in a cycle
            find(dayId).ifPresent(day -> locked.put(dayId, day));
        }
        LocalDate date = place.start().atZone(zone).toLocalDate();
        boolean keepCurrent = from != null && place.providerId() == null && candidates.contains(from.providerId());
        List<String> preferred = new ArrayList<>(candidates);
        preferred.sort(Comparator.comparingInt(p -> keepCurrent && Objects.equals(p, from.providerId()) ? -1
                : bookingsOn(locked, serviceId, p, date))); // stable: ties keep the service's order
        for (String provider : preferred) {
            List<ProviderDay.Piece> pieces = piecesOf.get(provider);
            if (pieces.stream().allMatch(p -> isFree(locked.get(p.dayId()), bookingId, p))) {
                Set<String> reused = new TreeSet<>();
                for (ProviderDay.Piece piece : pieces) {
                    reused.add(piece.dayId());
                    Aggregate<ProviderDay> day = locked.get(piece.dayId());
                    (day != null ? day : open(piece, serviceId, provider, zone))
                            .execute(d -> d.reserve(bookingId, piece.from(), piece.to()));
                }
                old.stream().filter(p -> !reused.contains(p.dayId()) && locked.containsKey(p.dayId()))
                        .forEach(p -> locked.get(p.dayId()).execute(d -> d.release(bookingId)));
                return place.of(provider);
            }
        }
        throw new RuleViolation(PROVIDER_TIME_TAKEN, (place.providerId() != null
                ? "Provider " + place.providerId() + " is" : candidates.size() == 1 ? "The provider is"
                : "All " + candidates.size() + " providers able to take it are") + " booked at some time from "
                + place.start() + " to " + place.end() + " (buffer included); GET /availability lists free slots");
    }

    /**
     * The providers that may take the wanted time: the one named, else every active provider whose hours have the
     * slot (the rules checked at least one has; {@code BookingRules}).
     */
    private static List<String> candidates(Wanted wanted, ZoneId zone) {
        if (wanted.place().providerId() != null) {
            return List.of(wanted.place().providerId());
        }
        List<String> able = new ArrayList<>();
        for (Provider p : wanted.service().schedule().providersWithSlot(wanted.place().start(), wanted.place().end(),
                zone)) {
            able.add(p.providerId());
        }
        return able;
    }

    private static int bookingsOn(Map<String, Aggregate<ProviderDay>> locked, String serviceId, String provider,
                                  LocalDate date) {
        Aggregate<ProviderDay> day = locked.get(ProviderDay.dayId(serviceId, provider, date));
        return day == null ? 0 : day.invoke(ProviderDay::bookings);
    }

    private static boolean isFree(Aggregate<ProviderDay> day, String bookingId, ProviderDay.Piece piece) {
        return day == null || day.invoke(d -> d.isFree(bookingId, piece.from(), piece.to()));
    }

    /** The provider time a booking at {@code place} holds: its slot and the buffer after it, cut at local midnights. */
    private static List<ProviderDay.Piece> pieces(String serviceId, BookingTerms terms, Place place) {
        return ProviderDay.pieces(serviceId, place.providerId(), ZoneId.of(terms.timeZone()),
                terms.policy().heldTime(place.start(), place.end()));
    }

    private Aggregate<ProviderDay> open(ProviderDay.Piece piece, String serviceId, String provider, ZoneId zone) {
        try {
            return days.newInstance(() -> new ProviderDay(piece.dayId(), serviceId, provider, piece.date(),
                    zone.getId()));
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private java.util.Optional<Aggregate<ProviderDay>> find(String dayId) {
        try {
            return java.util.Optional.of(days.load(dayId));
        } catch (AggregateNotFoundException e) {
            return java.util.Optional.empty();
        }
    }
}

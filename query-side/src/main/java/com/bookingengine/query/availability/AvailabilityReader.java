package com.bookingengine.query.availability;

import com.bookingengine.api.availability.Availability;
import com.bookingengine.api.availability.AvailabilityQuery;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.common.CalendarRange;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.error.NotFoundException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A service's slots in a window, as {@code GET /availability} and the availability stream show them. */
@Component
public class AvailabilityReader {

    static final Duration MAX_WINDOW = Duration.ofDays(366);

    private final QueryGateway queries;
    private final Clock clock;

    AvailabilityReader(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** Refuses a window or participant count {@code GET /availability} refuses, naming the parameter. */
    public static void checkWindow(Instant from, Instant to, int participants) {
        inCalendar("from", from);
        inCalendar("to", to);
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "to must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException("to", "availability covers at most " + MAX_WINDOW.toDays() + " days");
        }
        BookingPolicy.checkAtLeastOneParticipant(participants);
    }

    /** The slots now; 404 when the service does not exist (in this node's read model). */
    public Availability slots(String serviceId, Instant from, Instant to, int participants, String providerId) {
        checkWindow(from, to, participants);
        return queries.query(new AvailabilityQuery(serviceId, from, to, participants, clock.instant(), providerId),
                        ResponseTypes.optionalInstanceOf(Availability.class)).join()
                .orElseThrow(() -> new NotFoundException("Service " + serviceId + " does not exist"));
    }

    /**
     * Within the engine's calendar (the years 2000 to 2200, as every date it stores): nothing is bookable outside it,
     * and a window at the ends of {@link Instant}'s range overflows the date arithmetic of appointment slots.
     */
    static void inCalendar(String name, Instant value) {
        CalendarRange.problem(value).ifPresent(problem -> {
            throw new InvalidInputException(name, name + " " + problem);
        });
    }
}

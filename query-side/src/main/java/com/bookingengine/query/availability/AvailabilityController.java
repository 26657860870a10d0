package com.bookingengine.query.availability;

import com.bookingengine.api.availability.Availability;
import com.bookingengine.api.availability.AvailabilityCheck;
import com.bookingengine.api.availability.AvailabilityQuery;
import com.bookingengine.api.availability.CheckAvailabilityQuery;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.error.NotFoundException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What can be booked: {@code GET /availability?serviceId&from&to[&participants][&providerId]}; any authenticated
 * caller.
 */
@RestController
@RequestMapping("/api/v1/availability")
class AvailabilityController {

    static final Duration MAX_WINDOW = Duration.ofDays(366);

    private final QueryGateway queries;
    private final Clock clock;

    AvailabilityController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping
    Availability availability(@RequestParam String serviceId, @RequestParam Instant from, @RequestParam Instant to,
                              @RequestParam(defaultValue = "1") int participants,
                              @RequestParam(required = false) String providerId) {
        inCalendar("from", from);
        inCalendar("to", to);
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "to must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException("to", "availability covers at most " + MAX_WINDOW.toDays() + " days");
        }
        BookingPolicy.checkAtLeastOneParticipant(participants);
        return queries.query(new AvailabilityQuery(serviceId, from, to, participants, clock.instant(), providerId),
                        ResponseTypes.optionalInstanceOf(Availability.class)).join()
                .orElseThrow(() -> new NotFoundException("Service " + serviceId + " does not exist"));
    }

    /**
     * Within the engine's calendar (the years 2000 to 2200, as every date it stores): nothing is bookable outside it,
     * and a window at the ends of {@link Instant}'s range overflows the date arithmetic of appointment slots.
     */
    private static void inCalendar(String name, Instant value) {
        com.bookingengine.api.common.CalendarRange.problem(value).ifPresent(problem -> {
            throw new InvalidInputException(name, name + " " + problem);
        });
    }

    /**
     * The body of {@code POST /availability/check}: a class's {@code sessionId}, an appointment's {@code start} and
     * {@code end}, or for a course neither ({@code course: true} may say so).
     */
    record CheckRequest(@NotBlank String serviceId, String sessionId, Instant start, Instant end, Boolean course,
                        @Min(1) @Max(1000) Integer participants, String providerId) {
    }

    @PostMapping("/check")
    AvailabilityCheck check(@Valid @RequestBody CheckRequest body) {
        inCalendar("start", body.start());
        inCalendar("end", body.end());
        if (Boolean.TRUE.equals(body.course()) && (body.start() != null || body.end() != null)) {
            throw new InvalidInputException("course", "A course is checked whole: send course or start and end");
        }
        return queries.query(new CheckAvailabilityQuery(body.serviceId(), body.sessionId(), body.start(), body.end(),
                        body.participants() == null ? 1 : body.participants(), clock.instant(), body.providerId()),
                        ResponseTypes.optionalInstanceOf(AvailabilityCheck.class)).join()
                .orElseThrow(() -> new NotFoundException("Service " + body.serviceId() + " does not exist"));
    }
}

package com.bookingengine.query.availability;

import com.bookingengine.api.availability.Availability;
import com.bookingengine.api.availability.AvailabilityQuery;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.error.NotFoundException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What can be booked: {@code GET /availability?serviceId&from&to[&participants]}; any authenticated caller. */
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
                              @RequestParam(defaultValue = "1") int participants) {
        if (!to.isAfter(from)) {
            throw new InvalidInputException("to", "to must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException("to", "availability covers at most " + MAX_WINDOW.toDays() + " days");
        }
        if (participants < 1) {
            throw new InvalidInputException("participants", "participants must be at least 1");
        }
        return queries.query(new AvailabilityQuery(serviceId, from, to, participants, clock.instant()),
                        ResponseTypes.optionalInstanceOf(Availability.class)).join()
                .orElseThrow(() -> new NotFoundException("Service " + serviceId + " does not exist"));
    }
}

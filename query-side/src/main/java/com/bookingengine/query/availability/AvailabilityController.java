package com.bookingengine.query.availability;

import com.bookingengine.api.availability.Availability;
import com.bookingengine.api.availability.AvailabilityCheck;
import com.bookingengine.api.availability.CheckAvailabilityQuery;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.validation.PlainTextField;
import com.bookingengine.platform.validation.QueryParameters;
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
import java.time.Instant;

/**
 * What can be booked: {@code GET /availability?serviceId&from&to[&participants][&providerId]}; any authenticated
 * caller.
 */
@RestController
@RequestMapping("/api/v1/availability")
class AvailabilityController {

    private final QueryGateway queries;
    private final Clock clock;
    private final AvailabilityReader reader;

    AvailabilityController(QueryGateway queries, Clock clock, AvailabilityReader reader) {
        this.queries = queries;
        this.clock = clock;
        this.reader = reader;
    }

    @GetMapping
    Availability availability(@RequestParam String serviceId, @RequestParam Instant from, @RequestParam Instant to,
                              @RequestParam(defaultValue = "1") int participants,
                              @RequestParam(required = false) String providerId) {
        QueryParameters.plainText("providerId", providerId, InputLimits.ID);
        return reader.slots(serviceId, from, to, participants, providerId);
    }

    /**
     * The body of {@code POST /availability/check}: a class's {@code sessionId}, an appointment's {@code start} and
     * {@code end}, or for a course neither ({@code course: true} may say so).
     */
    record CheckRequest(@NotBlank String serviceId, String sessionId, Instant start, Instant end, Boolean course,
                        @Min(1) @Max(1000) Integer participants,
                        @PlainTextField(max = InputLimits.ID) String providerId) {
    }

    @PostMapping("/check")
    AvailabilityCheck check(@Valid @RequestBody CheckRequest body) {
        AvailabilityReader.inCalendar("start", body.start());
        AvailabilityReader.inCalendar("end", body.end());
        if (Boolean.TRUE.equals(body.course()) && (body.start() != null || body.end() != null)) {
            throw new InvalidInputException("course", "A course is checked whole: send course or start and end");
        }
        return queries.query(new CheckAvailabilityQuery(body.serviceId(), body.sessionId(), body.start(), body.end(),
                        body.participants() == null ? 1 : body.participants(), clock.instant(), body.providerId()),
                        ResponseTypes.optionalInstanceOf(AvailabilityCheck.class)).join()
                .orElseThrow(() -> new NotFoundException("Service " + body.serviceId() + " does not exist"));
    }
}

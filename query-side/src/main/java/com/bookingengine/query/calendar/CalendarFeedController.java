package com.bookingengine.query.calendar;

import com.bookingengine.api.booking.BookingView;
import com.bookingengine.api.booking.ServiceCalendarQuery;
import com.bookingengine.api.catalogue.FindServiceQuery;
import com.bookingengine.api.catalogue.ServiceView;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.platform.error.NotFoundException;
import com.bookingengine.platform.validation.PathParameters;
import com.bookingengine.platform.validation.QueryParameters;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A service's bookings as an iCalendar feed a calendar application subscribes to ({@code text/calendar}, RFC 5545):
 * pending and confirmed bookings, not waitlisted ones; canceled and declined ones drop out of the next fetch.
 */
@RestController
class CalendarFeedController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final QueryGateway queries;

    CalendarFeedController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/calendar/services/{serviceId}.ics", produces = "text/calendar")
    ResponseEntity<String> feed(@PathVariable String serviceId, @RequestParam(required = false) String providerId) {
        PathParameters.plainText("serviceId", serviceId, InputLimits.ID);
        QueryParameters.plainText("providerId", providerId, InputLimits.ID);
        ServiceView service = queries.query(new FindServiceQuery(serviceId),
                        ResponseTypes.optionalInstanceOf(ServiceView.class)).join()
                .orElseThrow(() -> new NotFoundException("Service " + serviceId + " does not exist"));
        List<BookingView> bookings = queries.query(new ServiceCalendarQuery(serviceId, providerId),
                ResponseTypes.multipleInstancesOf(BookingView.class)).join();
        return ResponseEntity.ok().contentType(TEXT_CALENDAR).body(CalendarFeed.of(service, bookings));
    }
}

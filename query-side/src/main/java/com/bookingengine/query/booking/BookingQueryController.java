package com.bookingengine.query.booking;

import com.bookingengine.api.booking.BookingPage;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingView;
import com.bookingengine.api.booking.FindBookingQuery;
import com.bookingengine.api.booking.ListBookingsQuery;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.error.NotFoundException;
import com.bookingengine.platform.validation.QueryParameters;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Optional;

/** Booking queries over HTTP. */
@RestController
@RequestMapping("/api/v1/bookings")
class BookingQueryController {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 200;

    private final QueryGateway queries;
    private final BookingAsOf history;

    BookingQueryController(QueryGateway queries, BookingAsOf history) {
        this.queries = queries;
        this.history = history;
    }

    @GetMapping
    BookingPage list(@RequestParam(required = false) BookingStatus status,
                     @RequestParam(required = false) String serviceId,
                     @RequestParam(required = false) String contactId,
                     @RequestParam(required = false) String providerId,
                     @RequestParam(required = false) Instant from,
                     @RequestParam(required = false) Instant to,
                     @RequestParam(defaultValue = "0") int page,
                     @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size,
                     @RequestParam(required = false) String sort) {
        if (page < 0) {
            throw new InvalidInputException("page", "page starts at 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
        // The database counts rows to skip (and the end of the page) in an int: beyond that there is nothing to list.
        if (((long) page + 1) * size > Integer.MAX_VALUE) {
            throw new InvalidInputException("page", "(page + 1) * size must not exceed " + Integer.MAX_VALUE);
        }
        new BookingFilter(status, serviceId, contactId, from, to);
        QueryParameters.plainText("providerId", providerId, InputLimits.ID);
        if (sort != null && !sort.isBlank()) {
            // -1 keeps empty parts, so "," and "start," are refused rather than read as something else.
            String[] parts = sort.split(",", -1);
            if (!BookingProjection.SORT_KEYS.containsKey(parts[0].trim()) || parts.length > 2
                    || (parts.length == 2 && !parts[1].trim().matches("(?i)asc|desc"))) {
                throw new InvalidInputException("sort", "sort must be one of "
                        + BookingProjection.SORT_KEYS.keySet() + ", optionally followed by ',asc' or ',desc'");
            }
        }
        return queries.query(new ListBookingsQuery(status, serviceId, contactId, from, to, page, size, sort, providerId),
                BookingPage.class).join();
    }

    @GetMapping("/{bookingId}")
    BookingView get(@PathVariable String bookingId, @RequestParam(required = false) Instant asOf) {
        if (asOf != null) {
            return history.at(bookingId, asOf).orElseThrow(() -> new NotFoundException(
                    "Booking " + bookingId + " did not exist at " + asOf));
        }
        Optional<BookingView> booking = queries.query(new FindBookingQuery(bookingId),
                ResponseTypes.optionalInstanceOf(BookingView.class)).join();
        return booking.orElseThrow(() -> new NotFoundException("Booking " + bookingId + " does not exist"));
    }
}

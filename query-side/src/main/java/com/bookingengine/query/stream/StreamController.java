package com.bookingengine.query.stream;

import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.platform.validation.QueryParameters;
import com.bookingengine.query.position.ReadModelPositions;
import com.bookingengine.query.availability.AvailabilityReader;
import com.bookingengine.query.booking.BookingFilter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Instant;

/**
 * Live streams (SPEC §7), Server-Sent Events: {@code GET /stream/bookings} and {@code GET /stream/availability}.
 * Parameters are checked as their list and query counterparts check them, before the stream opens, so a bad one is
 * a 400 problem like anywhere else. (Browsers' {@code EventSource} sends no headers of its own: the key may come as
 * {@code ?access_token=} on these paths, see ApiKeyAuthenticationFilter.)
 */
@RestController
@RequestMapping("/api/v1/stream")
class StreamController {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final StreamSubscriptions streams;
    private final AvailabilityReader availability;
    private final ReadModelPositions progress;

    StreamController(StreamSubscriptions streams, AvailabilityReader availability, ReadModelPositions progress) {
        this.streams = streams;
        this.availability = availability;
        this.progress = progress;
    }

    @GetMapping("/bookings")
    SseEmitter bookings(@RequestParam(required = false) BookingStatus status,
                        @RequestParam(required = false) String serviceId,
                        @RequestParam(required = false) String contactId,
                        @RequestParam(required = false) Instant from,
                        @RequestParam(required = false) Instant to,
                        @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventIdHeader,
                        @RequestParam(required = false) String lastEventId) {
        BookingFilter filter = new BookingFilter(status, serviceId, contactId, from, to);
        // The header is what EventSource sends when it reconnects by itself; the parameter is for a page reopening it.
        Long after = lastEventIdHeader != null ? position(LAST_EVENT_ID, lastEventIdHeader)
                : lastEventId != null ? position("lastEventId", lastEventId) : null;
        Subscription subscription = streams.open();
        try {
            BookingFeed.start(streams, subscription, filter, after);
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        return subscription.emitter();
    }

    @GetMapping("/availability")
    SseEmitter availability(@RequestParam String serviceId, @RequestParam Instant from, @RequestParam Instant to,
                            @RequestParam(defaultValue = "1") int participants) {
        AvailabilityReader.checkWindow(from, to, participants);
        Subscription subscription = streams.open();
        try {
            AvailabilityFeed.start(streams, subscription, availability, progress, serviceId, from, to, participants);
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        return subscription.emitter();
    }

    private static Long position(String name, String value) {
        return QueryParameters.position(name, value, "an event position");
    }
}

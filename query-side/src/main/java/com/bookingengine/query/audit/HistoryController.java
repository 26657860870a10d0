package com.bookingengine.query.audit;

import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.error.NotFoundException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The event history for auditors: one booking's events, and the whole store page by page or as NDJSON. */
@RestController
@RequestMapping("/api/v1")
class HistoryController {

    static final String NDJSON = "application/x-ndjson";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_JSON_LIMIT = 1000;

    private final EventStore eventStore;
    private final EventStream globalStream;
    private final EventReader reader;
    private final ObjectMapper json;

    HistoryController(EventStore eventStore, EventStream globalStream, EventReader reader, ObjectMapper json) {
        this.eventStore = eventStore;
        this.globalStream = globalStream;
        this.reader = reader;
        this.json = json;
    }

    @GetMapping("/bookings/{bookingId}/history")
    Map<String, Object> history(@PathVariable String bookingId) {
        List<EventRecord> events = eventStore.readEvents(bookingId).asStream().map(reader::read)
                .map(EventRecord::inHistory)
                .toList();
        if (events.isEmpty() || !"BookingCreatedEvent".equals(events.get(0).type())) {
            throw new NotFoundException("Booking " + bookingId + " does not exist");
        }
        return Map.of("bookingId", bookingId, "events", events);
    }

    /** A page of the global stream after {@code after} (exclusive); {@code next} is the position to ask after next. */
    @GetMapping(value = "/events", produces = "application/json")
    EventPage page(@RequestParam(required = false) Long after,
                             @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (limit < 1 || limit > MAX_JSON_LIMIT) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_JSON_LIMIT
                    + "; use Accept: " + NDJSON + " for bulk export");
        }
        List<EventRecord> events;
        try (Stream<? extends TrackedEventMessage<?>> stream = read(after)) {
            events = stream.limit(limit).map(reader::read).toList();
        }
        return new EventPage(events, events.isEmpty() ? null : events.get(events.size() - 1).position());
    }

    /** Every event after {@code after}, one JSON object a line, streamed: the whole history without paging. */
    @GetMapping(value = "/events", produces = NDJSON)
    void export(@RequestParam(required = false) Long after, @RequestParam(required = false) Long limit,
                HttpServletResponse response) throws IOException {
        if (limit != null && limit < 1) {
            throw new InvalidInputException("limit", "limit must be at least 1");
        }
        // Opened (and so checked) before the content type is set: a refusal must still answer as problem+json.
        try (Stream<? extends TrackedEventMessage<?>> stream = read(after)) {
            response.setContentType(NDJSON);
            OutputStream out = response.getOutputStream();
            Iterator<? extends TrackedEventMessage<?>> events = stream.limit(limit == null ? Long.MAX_VALUE : limit)
                    .iterator();
            while (events.hasNext()) {
                out.write(json.writeValueAsBytes(reader.read(events.next())));
                out.write('\n');
            }
            out.flush();
        }
    }

    /** {@code next} is null when the page is empty: nothing after {@code after} yet. */
    record EventPage(List<EventRecord> events, @JsonInclude(JsonInclude.Include.ALWAYS) Long next) {
    }

    private Stream<? extends TrackedEventMessage<?>> read(Long after) {
        if (after != null && after < 0) {
            throw new InvalidInputException("after", "after is a position in the event stream, at least 0");
        }
        return globalStream.after(after);
    }
}

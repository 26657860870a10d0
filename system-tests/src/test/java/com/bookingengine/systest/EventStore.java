package com.bookingengine.systest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks of the engine's PostgreSQL event store ({@code domain_event_entry}) by SQL, independent of its code. */
final class EventStore {

    static final String EVENTS = "com.bookingengine.api.booking.";
    static final String CREATED = EVENTS + "BookingCreatedEvent";
    static final String SEATS_RESERVED = EVENTS + "SeatsReservedEvent";
    static final String SEATS_RELEASED = EVENTS + "SeatsReleasedEvent";
    static final String TIME_RESERVED = EVENTS + "AppointmentTimeReservedEvent";
    static final String TIME_RELEASED = EVENTS + "AppointmentTimeReleasedEvent";
    static final String CHECKOUT_EXPIRED = EVENTS + "CheckoutExpiredEvent";
    static final String SESSION_SCHEDULED = "com.bookingengine.api.catalogue.SessionScheduledEvent";

    /** The stored payload as JSON text (bytea holding UTF-8 JSON). */
    static final String JSON = "convert_from(payload, 'UTF8')::jsonb";

    private final Postgres db;

    EventStore(Postgres db) {
        this.db = db;
    }

    /** No two events share (aggregate, sequence), and each aggregate's sequence numbers are 0..n-1 without a gap. */
    void assertNoDuplicateAndNoGap() {
        assertThat(db.column("select aggregate_identifier || ' #' || sequence_number || ' x' || count(*) "
                + "from domain_event_entry group by aggregate_identifier, sequence_number having count(*) > 1"))
                .as("events stored twice under one (aggregate, sequence)").isEmpty();
        assertThat(db.column("select aggregate_identifier || ': ' || count(*) || ' events, sequence ' "
                + "|| min(sequence_number) || '..' || max(sequence_number) from domain_event_entry "
                + "group by aggregate_identifier "
                + "having min(sequence_number) <> 0 or max(sequence_number) <> count(*) - 1 "
                + "or count(distinct sequence_number) <> count(*)"))
                .as("aggregates whose sequence numbers are not 0..n-1").isEmpty();
    }

    /**
     * Nothing half-written: every booking created holding a place (not waitlisted) has its seats or provider time
     * reserved in the store, and every reservation belongs to a booking whose BookingCreatedEvent is stored.
     */
    void assertCreatedAndReservedTogether() {
        String events = "with e as (select payload_type t, " + JSON + " p from domain_event_entry), "
                + "created as (select p->>'bookingId' id, (p->>'waitlisted')::boolean waitlisted from e "
                + "  where t = '" + CREATED + "'), "
                + "held as (select distinct p->>'bookingId' id from e where t in ('" + SEATS_RESERVED + "', '"
                + TIME_RESERVED + "')) ";
        assertThat(db.column(events + "select c.id from created c where not c.waitlisted "
                + "and not exists (select 1 from held h where h.id = c.id)"))
                .as("bookings created with a seat but without a SeatsReservedEvent/AppointmentTimeReservedEvent")
                .isEmpty();
        assertThat(db.column(events + "select h.id from held h "
                + "where not exists (select 1 from created c where c.id = h.id)"))
                .as("seats or provider time reserved for a booking whose BookingCreatedEvent is missing")
                .isEmpty();
        assertThat(db.number("select count(*) from domain_event_entry where payload_type = '" + CREATED + "'"))
                .as("distinct bookings = BookingCreatedEvents (no booking created twice)")
                .isEqualTo(db.number("select count(distinct " + JSON + "->>'bookingId') from domain_event_entry "
                        + "where payload_type = '" + CREATED + "'"));
    }

    /** The ids of every booking with a BookingCreatedEvent. */
    Set<String> createdBookingIds() {
        return new HashSet<>(db.column("select " + JSON + "->>'bookingId' from domain_event_entry "
                + "where payload_type = '" + CREATED + "'"));
    }

    long count(String payloadType, String bookingId) {
        return db.number("select count(*) from domain_event_entry where payload_type = ? and " + JSON
                + "->>'bookingId' = ?", payloadType, bookingId);
    }

    /** What the fold of seats and provider time ended with. */
    record Fold(Map<String, Integer> capacity, Map<String, Integer> held, int events) {
        int open(String sessionId) {
            return capacity.get(sessionId) - held.getOrDefault(sessionId, 0);
        }
    }

    /**
     * Folds every seat and provider-time event in global order: per session (or course pool) the seats reserved
     * minus released never exceed the capacity its SessionScheduledEvent gave, and per provider day no two bookings'
     * held intervals ever overlap.
     */
    Fold assertCapacityNeverExceeded() {
        Map<String, Integer> capacity = new HashMap<>();
        Map<String, Map<String, Integer>> seats = new HashMap<>();
        Map<String, Map<String, List<Instant[]>>> time = new HashMap<>();
        List<String> violations = new ArrayList<>();
        int folded = 0;
        for (Map<String, Object> row : db.rows("select global_index, payload_type, convert_from(payload, 'UTF8') p "
                + "from domain_event_entry where payload_type in (?, ?, ?, ?, ?) order by global_index",
                SESSION_SCHEDULED, SEATS_RESERVED, SEATS_RELEASED, TIME_RESERVED, TIME_RELEASED)) {
            folded++;
            long index = ((Number) row.get("global_index")).longValue();
            String type = (String) row.get("payload_type");
            JsonNode p = parse((String) row.get("p"));
            switch (type.substring(type.lastIndexOf('.') + 1)) {
                case "SessionScheduledEvent" -> capacity.put(p.path("sessionId").asText(), p.path("capacity").asInt());
                case "SeatsReservedEvent" -> {
                    String session = p.path("sessionId").asText();
                    Map<String, Integer> holders = seats.computeIfAbsent(session, s -> new LinkedHashMap<>());
                    holders.merge(p.path("bookingId").asText(), p.path("participants").asInt(), Integer::sum);
                    int held = holders.values().stream().mapToInt(Integer::intValue).sum();
                    Integer max = capacity.get(session);
                    if (max == null || held > max) {
                        violations.add("#" + index + ": session " + session + " holds " + held + " seats of "
                                + max + " after reserving for " + p.path("bookingId").asText());
                    }
                }
                case "SeatsReleasedEvent" -> {
                    Map<String, Integer> holders = seats.computeIfAbsent(p.path("sessionId").asText(),
                            s -> new LinkedHashMap<>());
                    String booking = p.path("bookingId").asText();
                    int left = holders.getOrDefault(booking, 0) - p.path("participants").asInt();
                    if (left < 0) {
                        violations.add("#" + index + ": " + booking + " released seats it did not hold");
                    }
                    if (left <= 0) {
                        holders.remove(booking);
                    } else {
                        holders.put(booking, left);
                    }
                }
                case "AppointmentTimeReservedEvent" -> {
                    Map<String, List<Instant[]>> day = time.computeIfAbsent(p.path("dayId").asText(),
                            d -> new LinkedHashMap<>());
                    Instant from = instant(p.path("from"));
                    Instant to = instant(p.path("to"));
                    String booking = p.path("bookingId").asText();
                    day.forEach((other, intervals) -> {
                        for (Instant[] interval : intervals) {
                            if (!other.equals(booking) && from.isBefore(interval[1]) && interval[0].isBefore(to)) {
                                violations.add("#" + index + ": " + booking + " holds [" + from + ", " + to + ") of "
                                        + p.path("dayId").asText() + ", overlapping " + other + "'s [" + interval[0]
                                        + ", " + interval[1] + ")");
                            }
                        }
                    });
                    day.computeIfAbsent(booking, b -> new ArrayList<>()).add(new Instant[]{from, to});
                }
                case "AppointmentTimeReleasedEvent" -> {
                    Map<String, List<Instant[]>> day = time.getOrDefault(p.path("dayId").asText(), Map.of());
                    String booking = p.path("bookingId").asText();
                    Instant from = instant(p.path("from"));
                    Instant to = instant(p.path("to"));
                    List<Instant[]> intervals = day.getOrDefault(booking, new ArrayList<>());
                    if (!intervals.removeIf(i -> i[0].equals(from) && i[1].equals(to))) {
                        violations.add("#" + index + ": " + booking + " released provider time [" + from + ", " + to
                                + ") it did not hold");
                    }
                }
                default -> throw new IllegalStateException(type);
            }
        }
        assertThat(violations).as("capacity folded over the event store in global order").isEmpty();
        Map<String, Integer> held = new HashMap<>();
        seats.forEach((session, holders) -> held.put(session,
                holders.values().stream().mapToInt(Integer::intValue).sum()));
        return new Fold(capacity, held, folded);
    }

    private static JsonNode parse(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable payload " + json, e);
        }
    }

    /** An instant as the engine's Jackson writes it: ISO-8601 text, or epoch seconds with a fraction. */
    private static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(node.asText());
    }
}

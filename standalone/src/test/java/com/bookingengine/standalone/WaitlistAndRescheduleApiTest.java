package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static com.bookingengine.standalone.Checks.badField;
import static com.bookingengine.standalone.Checks.conflict;
import static com.bookingengine.standalone.Checks.ok;
import static com.bookingengine.standalone.Checks.openSpots;
import static com.bookingengine.standalone.Checks.slot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waitlist, promotion, reschedule and participant changes over HTTP (SPEC §3, §4): what a client sees in the
 * command answers, in {@code GET /bookings/{id}} (also as of an earlier instant), in its history and in
 * {@code GET /availability}, and the 409s that change nothing.
 */
class WaitlistAndRescheduleApiTest extends EngineTest {

    private static Map<String, Object> withWaitlist(int waitlistCapacity) {
        return Map.of("policy", Map.of("waitlistCapacity", waitlistCapacity, "maxParticipantsPerBooking", 4));
    }

    private static Api.Response book(Api.ClassFixture session, int participants, boolean joinWaitlist) {
        Map<String, Object> body = Api.booking(session, "IN_PERSON");
        body.put("participants", participants);
        body.put("joinWaitlist", joinWaitlist);
        return api.post(Api.BOOKER, "/bookings", body);
    }

    private static JsonNode read(String bookingId) {
        return ok(api.get(Api.OWNER, "/bookings/" + bookingId), 200).body();
    }

    /** A second session of the fixture's service, a day later. */
    private static Api.ClassFixture secondSession(Api.ClassFixture first, int capacity) {
        String sessionId = "ses-" + UUID.randomUUID();
        Instant start = first.start().plus(1, ChronoUnit.DAYS);
        ok(api.post(Api.OWNER, "/services/" + first.serviceId() + "/sessions", Map.of("sessionId", sessionId,
                "start", start.toString(), "end", start.plus(1, ChronoUnit.HOURS).toString(), "capacity", capacity)), 201);
        return new Api.ClassFixture(first.serviceId(), sessionId, start);
    }

    @Test
    void aFullSessionWaitlistsOnRequestAndACancelPromotesTheOldestThatFits() {
        // given a session of 2 seats, taken, with a waitlist of 2
        Api.ClassFixture session = api.createClass(2, withWaitlist(2));
        String holder = ok(book(session, 2, false), 201).text("bookingId");
        assertThat(slot(api, session).path("waitlistOpenSpots").asInt()).isEqualTo(2);

        // without asking for the waitlist a full session is a 409
        conflict(book(session, 1, false), "capacity");

        // when two customers ask for the waitlist
        Api.Response first = ok(book(session, 2, true), 201);
        Api.Response second = ok(book(session, 1, true), 201);
        assertThat(first.text("status")).isEqualTo("PENDING");
        assertThat(read(first.text("bookingId")).path("waitlisted").asBoolean()).isTrue();
        JsonNode full = slot(api, session);
        assertThat(full.path("openSpots").asInt()).isZero();
        assertThat(full.path("waitlistOpenSpots").asInt()).isZero();

        // a third finds the waitlist full; the owner cannot confirm a waitlisted booking
        conflict(book(session, 1, true), "capacity");
        conflict(api.post(Api.OWNER, "/bookings/" + first.text("bookingId") + "/confirm", Map.of()), "waitlisted");

        // when the seat holder cancels, the oldest waitlisted booking takes its seats in the same request
        ok(api.post(Api.OWNER, "/bookings/" + holder + "/cancel", Map.of()), 200);

        JsonNode promoted = read(first.text("bookingId"));
        assertThat(promoted.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(promoted.path("waitlisted").asBoolean()).isFalse();
        assertThat(promoted.path("revision").asLong()).isEqualTo(2);
        JsonNode stillWaiting = read(second.text("bookingId"));
        assertThat(stillWaiting.path("status").asText()).isEqualTo("PENDING");
        assertThat(stillWaiting.path("waitlisted").asBoolean()).isTrue();
        JsonNode after = slot(api, session);
        assertThat(after.path("openSpots").asInt()).isZero();
        assertThat(after.path("waitlistOpenSpots").asInt()).isEqualTo(1);

        // and the promotion is recorded as the system's doing, the cancel as the owner's
        JsonNode history = ok(api.get(Api.AUDITOR, "/bookings/" + first.text("bookingId") + "/history"), 200)
                .body().path("events");
        assertThat(history.get(1).path("type").asText()).contains("BookingPromotedEvent");
        assertThat(history.get(1).path("metadata").path("actor").asText()).isEqualTo("system");
        JsonNode cancel = ok(api.get(Api.AUDITOR, "/bookings/" + holder + "/history"), 200).body().path("events");
        assertThat(cancel.get(1).path("metadata").path("actor").asText()).isEqualTo("dev-owner");

        // a waitlisted booking that is canceled leaves the waitlist
        ok(api.post(Api.BOOKER, "/bookings/" + second.text("bookingId") + "/cancel", Map.of()), 200);
        assertThat(read(second.text("bookingId")).path("waitlisted").asBoolean()).isFalse();
        assertThat(slot(api, session).path("waitlistOpenSpots").asInt()).isEqualTo(2);
        assertThat(api.get(Api.OWNER, "/audit/verify").body().path("valid").asBoolean()).isTrue();
    }

    @Test
    void aConfirmedBookingMovesToAnotherSessionAtomicallyOrNotAtAll() {
        Api.ClassFixture first = api.createClass(2, withWaitlist(1));
        Api.ClassFixture second = secondSession(first, 1);
        Api.ClassFixture third = secondSession(second, 1);
        String moving = ok(book(first, 1, false), 201).text("bookingId");
        ok(book(first, 1, false), 201);
        String waiting = ok(book(first, 1, true), 201).text("bookingId");
        ok(book(third, 1, false), 201);
        Instant beforeMove = Instant.now();

        // when it moves, the new session's seat is taken, the old one freed, and the old waitlist promoted
        Api.Response moved = ok(api.post(Api.BOOKER, "/bookings/" + moving + "/reschedule",
                Map.of("sessionId", second.sessionId(), "expectedRevision", 1)), 200);
        assertThat(moved.text("status")).isEqualTo("CONFIRMED");
        assertThat(moved.body().path("revision").asLong()).isEqualTo(2);
        JsonNode booking = read(moving);
        assertThat(booking.path("sessionId").asText()).isEqualTo(second.sessionId());
        assertThat(Instant.parse(booking.path("start").asText())).isEqualTo(second.start());
        assertThat(Instant.parse(booking.path("end").asText())).isEqualTo(second.start().plus(1, ChronoUnit.HOURS));
        assertThat(openSpots(api, second)).isZero();
        assertThat(openSpots(api, first)).isZero();
        assertThat(read(waiting).path("status").asText()).isEqualTo("CONFIRMED");

        // as of before the move, it stood in the first session
        JsonNode then = ok(api.get(Api.AUDITOR, "/bookings/" + moving + "?asOf=" + beforeMove), 200).body();
        assertThat(then.path("sessionId").asText()).isEqualTo(first.sessionId());

        // the same session is a no-op; a full one is a 409 that changes nothing; a stale revision too
        assertThat(ok(api.post(Api.BOOKER, "/bookings/" + moving + "/reschedule",
                Map.of("sessionId", second.sessionId())), 200).body().path("revision").asLong()).isEqualTo(2);
        conflict(api.post(Api.BOOKER, "/bookings/" + moving + "/reschedule",
                Map.of("sessionId", third.sessionId())), "capacity");
        conflict(api.post(Api.BOOKER, "/bookings/" + moving + "/reschedule",
                Map.of("sessionId", first.sessionId(), "expectedRevision", 1)), "revision");
        assertThat(read(moving).path("sessionId").asText()).isEqualTo(second.sessionId());
        assertThat(read(moving).path("revision").asLong()).isEqualTo(2);

        // another service's session is a 400; a canceled booking cannot move
        Api.ClassFixture elsewhere = api.createClass(5, Map.of());
        badField(api.post(Api.BOOKER, "/bookings/" + moving + "/reschedule",
                Map.of("sessionId", elsewhere.sessionId())), "sessionId");
        badField(api.post(Api.BOOKER, "/bookings/" + moving + "/reschedule", Map.of()), "sessionId");
        ok(api.post(Api.OWNER, "/bookings/" + moving + "/cancel", Map.of()), 200);
        conflict(api.post(Api.BOOKER, "/bookings/" + moving + "/reschedule",
                Map.of("sessionId", first.sessionId())), "status");
    }

    @Test
    void participantsChangeWhenTheSeatsFitAndThePriceFollows() {
        Api.ClassFixture session = api.createClass(4, withWaitlist(1));
        String bookingId = ok(book(session, 1, false), 201).text("bookingId");
        String other = ok(book(session, 1, false), 201).text("bookingId");
        String waiting = ok(book(session, 3, true), 201).text("bookingId");

        Api.Response more = ok(api.post(Api.BOOKER, "/bookings/" + bookingId + "/participants",
                Map.of("participants", 3, "expectedRevision", 1)), 200);
        assertThat(more.body().path("finalPrice").path("amount").asText()).isEqualTo("60.00");
        JsonNode booking = read(bookingId);
        assertThat(booking.path("participants").asInt()).isEqualTo(3);
        assertThat(booking.path("payment").path("finalPrice").path("amount").asText()).isEqualTo("60.00");
        assertThat(openSpots(api, session)).isZero();

        conflict(api.post(Api.BOOKER, "/bookings/" + other + "/participants", Map.of("participants", 2)), "capacity");
        badField(api.post(Api.BOOKER, "/bookings/" + other + "/participants", Map.of("participants", 5)),
                "participants");
        badField(api.post(Api.BOOKER, "/bookings/" + other + "/participants", Map.of()), "participants");
        assertThat(ok(api.post(Api.BOOKER, "/bookings/" + bookingId + "/participants", Map.of("participants", 3)),
                200).body().path("revision").asLong()).isEqualTo(2);

        // fewer participants free seats, which promote the waitlisted booking of 3
        ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/participants", Map.of("participants", 1)), 200);
        ok(api.post(Api.OWNER, "/bookings/" + other + "/cancel", Map.of()), 200);
        assertThat(read(waiting).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(openSpots(api, session)).isZero();
    }
}

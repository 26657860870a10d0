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
import static com.bookingengine.standalone.Checks.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Courses over HTTP (SPEC §3 COURSE, §4): a fixed set of sessions booked as one bundle, capacity counted per
 * course, shown by availability as one slot from the first session's start to the last one's end; waitlist and
 * participant changes as for classes; no reschedule, no single sessions, no sessions added later.
 */
class CourseApiTest extends EngineTest {

    private static Api.Response book(Api.CourseFixture course, int participants, boolean joinWaitlist) {
        Map<String, Object> body = Api.courseBooking(course);
        body.put("participants", participants);
        body.put("joinWaitlist", joinWaitlist);
        return api.post(Api.BOOKER, "/bookings", body);
    }

    private static JsonNode read(String bookingId) {
        return ok(api.get(Api.OWNER, "/bookings/" + bookingId), 200).body();
    }

    /** The course's one slot in availability. */
    private static JsonNode slot(Api.CourseFixture course) {
        JsonNode slots = Checks.slots(api, course.serviceId(), course.start().minus(1, ChronoUnit.DAYS),
                course.end().plus(1, ChronoUnit.DAYS), 1);
        assertThat(slots).as(slots.toString()).hasSize(1);
        return slots.get(0);
    }

    private static Api.Response check(Api.CourseFixture course, int participants) {
        return ok(api.post(Api.BOOKER, "/availability/check",
                Map.of("serviceId", course.serviceId(), "participants", participants)), 200);
    }

    @Test
    void aCourseIsReadBackWithItsDatedSessionsInStartOrder() {
        // given a course of 8 seats created with three sessions, sent out of order
        Api.CourseFixture course = api.createCourse(8, 14, Map.of());

        // when anyone reads it
        JsonNode read = ok(api.get(Api.BOOKER, "/services/" + course.serviceId()), 200).body();

        // then it shows its three sessions by start, each with the course's capacity
        assertThat(read.path("type").asText()).isEqualTo("COURSE");
        assertThat(read.path("capacity").asInt()).isEqualTo(8);
        JsonNode sessions = read.path("sessions");
        assertThat(sessions).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Api.CourseFixture.Meeting meeting = course.meetings().get(i);
            assertThat(sessions.get(i).path("sessionId").asText()).isEqualTo(meeting.sessionId());
            assertThat(Instant.parse(sessions.get(i).path("start").asText())).isEqualTo(meeting.start());
            assertThat(Instant.parse(sessions.get(i).path("end").asText())).isEqualTo(meeting.end());
            assertThat(sessions.get(i).path("capacity").asInt()).isEqualTo(8);
        }
    }

    @Test
    void availabilityShowsTheCourseAsOneSlotFromItsFirstStartToItsLastEnd() {
        Api.CourseFixture course = api.createCourse(8, 14, Map.of());

        JsonNode slot = slot(course);

        assertThat(slot.path("sessionId").asText()).isEqualTo(course.courseId());
        assertThat(Instant.parse(slot.path("start").asText())).isEqualTo(course.start());
        assertThat(Instant.parse(slot.path("end").asText())).isEqualTo(course.end());
        assertThat(slot.path("totalSpots").asInt()).isEqualTo(8);
        assertThat(slot.path("openSpots").asInt()).isEqualTo(8);
        assertThat(slot.path("bookable").asBoolean()).isTrue();
    }

    @Test
    void theWholeCourseIsBookedAndItsCapacityCountsPerCourse() {
        // given a course of 3 seats
        Api.CourseFixture course = api.createCourse(3, 14, Map.of());

        // when one client books it naming no session, and another names the course's slot for 2 people
        Api.Response first = ok(book(course, 1, false), 201);
        Map<String, Object> named = Api.courseBooking(course);
        named.put("sessionId", course.courseId());
        named.put("participants", 2);
        ok(api.post(Api.BOOKER, "/bookings", named), 201);

        // then each booking holds the whole course, first start to last end
        assertThat(first.text("status")).isEqualTo("CONFIRMED");
        JsonNode booking = read(first.text("bookingId"));
        assertThat(booking.path("serviceType").asText()).isEqualTo("COURSE");
        assertThat(booking.path("sessionId").asText()).isEqualTo(course.courseId());
        assertThat(Instant.parse(booking.path("start").asText())).isEqualTo(course.start());
        assertThat(Instant.parse(booking.path("end").asText())).isEqualTo(course.end());

        // and the course is full: the next booking is a 409 that leaves nothing behind
        JsonNode full = slot(course);
        assertThat(full.path("openSpots").asInt()).isZero();
        assertThat(full.path("bookable").asBoolean()).isFalse();
        assertThat(check(course, 1).text("reason")).isEqualTo("full");
        Map<String, Object> late = Api.courseBooking(course);
        String lateId = UUID.randomUUID().toString();
        late.put("bookingId", lateId);
        conflict(api.post(Api.BOOKER, "/bookings", late), "capacity");
        problem(api.get(Api.OWNER, "/bookings/" + lateId), 404);
        assertThat(Checks.listed(api, course.serviceId())).isEqualTo(2);

        // when the first booking is canceled, its seat is open again
        ok(api.post(Api.BOOKER, "/bookings/" + first.text("bookingId") + "/cancel", Map.of()), 200);
        assertThat(slot(course).path("openSpots").asInt()).isEqualTo(1);
        Api.Response open = check(course, 1);
        assertThat(open.body().path("available").asBoolean()).isTrue();
        assertThat(open.body().path("openSpots").asInt()).isEqualTo(1);
        ok(book(course, 1, false), 201);
    }

    @Test
    void aFullCourseWaitlistsOnRequestAndACancelPromotesTheWaitingBooking() {
        // given a course of 1 seat, taken, with a waitlist of 1
        Api.CourseFixture course = api.createCourse(1, 14, Map.of("policy", Map.of("waitlistCapacity", 1)));
        String holder = ok(book(course, 1, false), 201).text("bookingId");
        conflict(book(course, 1, false), "capacity");

        // when a client asks for the waitlist
        Api.Response waiting = ok(book(course, 1, true), 201);

        // then it waits, holding no seat, and the waitlist is full
        assertThat(waiting.text("status")).isEqualTo("PENDING");
        assertThat(read(waiting.text("bookingId")).path("waitlisted").asBoolean()).isTrue();
        assertThat(slot(course).path("waitlistOpenSpots").asInt()).isZero();
        conflict(book(course, 1, true), "capacity");

        // when the holder cancels, the waiting booking takes the seat
        ok(api.post(Api.OWNER, "/bookings/" + holder + "/cancel", Map.of()), 200);
        JsonNode promoted = read(waiting.text("bookingId"));
        assertThat(promoted.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(promoted.path("waitlisted").asBoolean()).isFalse();
        JsonNode after = slot(course);
        assertThat(after.path("openSpots").asInt()).isZero();
        assertThat(after.path("waitlistOpenSpots").asInt()).isEqualTo(1);
    }

    @Test
    void participantsChangeWhenTheCourseHasTheSeats() {
        // given a course of 4 seats with two bookings of 1
        Api.CourseFixture course = api.createCourse(4, 14, Map.of());
        String growing = ok(book(course, 1, false), 201).text("bookingId");
        String other = ok(book(course, 1, false), 201).text("bookingId");

        // when one grows to 3, it takes the last seats and pays for them
        Api.Response more = ok(api.post(Api.BOOKER, "/bookings/" + growing + "/participants",
                Map.of("participants", 3)), 200);
        assertThat(more.body().path("finalPrice").path("amount").asText()).isEqualTo("270.00");
        assertThat(read(growing).path("participants").asInt()).isEqualTo(3);
        assertThat(slot(course).path("openSpots").asInt()).isZero();

        // then the other cannot grow (nothing changes), until seats are given back
        conflict(api.post(Api.BOOKER, "/bookings/" + other + "/participants", Map.of("participants", 2)), "capacity");
        assertThat(read(other).path("participants").asInt()).isEqualTo(1);
        ok(api.post(Api.BOOKER, "/bookings/" + growing + "/participants", Map.of("participants", 2)), 200);
        ok(api.post(Api.BOOKER, "/bookings/" + other + "/participants", Map.of("participants", 2)), 200);
        assertThat(slot(course).path("openSpots").asInt()).isZero();
    }

    @Test
    void aCourseIsNeitherRescheduledNorBookedBySessionNorGivenMoreSessions() {
        Api.CourseFixture course = api.createCourse(5, 14, Map.of());
        String booked = ok(book(course, 1, false), 201).text("bookingId");

        // a course booking does not move, whatever it names
        conflict(api.post(Api.BOOKER, "/bookings/" + booked + "/reschedule",
                Map.of("sessionId", course.meetings().get(1).sessionId())), "serviceType");
        conflict(api.post(Api.BOOKER, "/bookings/" + booked + "/reschedule",
                Map.of("start", course.start().toString(), "end", course.end().toString())), "serviceType");
        assertThat(read(booked).path("revision").asLong()).isEqualTo(1);

        // one of its sessions cannot be booked alone, nor a time span
        Map<String, Object> single = Api.courseBooking(course);
        single.put("sessionId", course.meetings().get(0).sessionId());
        badField(api.post(Api.BOOKER, "/bookings", single), "sessionId");
        Map<String, Object> timed = Api.courseBooking(course);
        timed.put("start", course.start().toString());
        timed.put("end", course.end().toString());
        badField(api.post(Api.BOOKER, "/bookings", timed), "start");
        assertThat(Checks.listed(api, course.serviceId())).isEqualTo(1);

        // and its fixed set of sessions takes no more
        Instant later = course.end().plus(7, ChronoUnit.DAYS);
        problem(api.post(Api.OWNER, "/services/" + course.serviceId() + "/sessions", Map.of(
                "start", later.toString(), "end", later.plus(2, ChronoUnit.HOURS).toString())), 400);
        assertThat(ok(api.get(Api.OWNER, "/services/" + course.serviceId()), 200).body().path("sessions")).hasSize(3);
        assertThat(Instant.parse(slot(course).path("end").asText())).isEqualTo(course.end());
    }
}

package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.bookingengine.standalone.Api.hours;
import static com.bookingengine.standalone.Checks.badField;
import static com.bookingengine.standalone.Checks.conflict;
import static com.bookingengine.standalone.Checks.ok;
import static com.bookingengine.standalone.Checks.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Appointment services over HTTP (SPEC §3 APPOINTMENT, §4): the slot grid that {@code GET /availability} lists,
 * buffers, the 400s and 409s of booking off the grid or over a taken slot (which change nothing), cancel and
 * reschedule, {@code POST /availability/check}, catalogue changes that leave existing bookings where they were, and
 * the grid on the days the clocks change, computed from the zone's next transitions so the test never goes stale.
 */
class AppointmentApiTest extends EngineTest {

    private static final String BERLIN = "Europe/Berlin";
    private static final Duration SLOT = Duration.ofMinutes(30);

    /** A date a week ahead: well inside the booking window, and every slot of it still in the future. */
    private static LocalDate nextWeek() {
        return LocalDate.now(ZoneId.of(BERLIN)).plusDays(8);
    }

    /** An appointment service in Berlin open 09:00-12:00 on {@code day}'s weekday, slots of 30 minutes. */
    private static Api.AppointmentFixture morning(LocalDate day, int bufferMinutes) {
        return api.createAppointmentService(BERLIN, List.of(hours(day.getDayOfWeek(), "09:00", "12:00")), 30,
                Map.of("policy", Map.of("maxAdvanceDays", 400, "bufferMinutes", bufferMinutes)));
    }

    private static Api.Response book(Api.AppointmentFixture service, Instant start) {
        return api.post(Api.BOOKER, "/bookings", Api.appointment(service, start));
    }

    private static JsonNode read(String bookingId) {
        return ok(api.get(Api.OWNER, "/bookings/" + bookingId), 200).body();
    }

    /** The slots listed for one local date of the service. */
    private static JsonNode slotsOn(Api.AppointmentFixture service, LocalDate date) {
        return Checks.slots(api, service.serviceId(), date.atStartOfDay(service.zone()).toInstant(),
                date.plusDays(1).atStartOfDay(service.zone()).toInstant(), 1);
    }

    /** The listed slot starting at {@code start}; it must be there. */
    private static JsonNode slotAt(Api.AppointmentFixture service, Instant start) {
        JsonNode slots = slotsOn(service, start.atZone(service.zone()).toLocalDate());
        for (JsonNode slot : slots) {
            if (instant(slot.path("start")).equals(start)) {
                return slot;
            }
        }
        throw new AssertionError("no slot starts at " + start + " in " + slots);
    }

    private static boolean bookable(Api.AppointmentFixture service, Instant start) {
        return slotAt(service, start).path("bookable").asBoolean();
    }

    /** An instant as answered: ISO-8601 with an offset (Z or ±hh:mm). */
    private static Instant instant(JsonNode node) {
        assertThat(node.asText()).matches(".*T.*(Z|[+-]\\d\\d:\\d\\d)$");
        return OffsetDateTime.parse(node.asText()).toInstant();
    }

    private static List<Instant> starts(JsonNode slots) {
        List<Instant> starts = new ArrayList<>();
        slots.forEach(slot -> starts.add(instant(slot.path("start"))));
        return starts;
    }

    private static Api.Response reschedule(String bookingId, Api.AppointmentFixture service, Instant start) {
        return api.post(Api.BOOKER, "/bookings/" + bookingId + "/reschedule",
                Map.of("start", start.toString(), "end", service.endOf(start).toString()));
    }

    private static Api.Response check(Api.AppointmentFixture service, Instant start, Instant end) {
        return ok(api.post(Api.BOOKER, "/availability/check", Map.of("serviceId", service.serviceId(),
                "start", start.toString(), "end", end.toString(), "participants", 1)), 200);
    }

    @Test
    void anAppointmentServiceIsReadBackWithItsWorkingHoursSlotLengthAndBuffer() {
        // given an owner who creates an appointment service open on two days, with 45-minute slots and a buffer
        Api.AppointmentFixture service = api.createAppointmentService(BERLIN, List.of(
                        hours(DayOfWeek.MONDAY, "09:00", "12:00"), hours(DayOfWeek.MONDAY, "13:00", "17:30"),
                        hours(DayOfWeek.FRIDAY, "10:00", "14:00")), 45,
                Map.of("policy", Map.of("maxAdvanceDays", 400, "bufferMinutes", 15)));

        // when anyone reads it
        JsonNode read = ok(api.get(Api.BOOKER, "/services/" + service.serviceId()), 200).body();

        // then it shows the schedule it was created with, and one provider
        assertThat(read.path("type").asText()).isEqualTo("APPOINTMENT");
        assertThat(read.path("timeZone").asText()).isEqualTo(BERLIN);
        assertThat(read.path("slotMinutes").asInt()).isEqualTo(45);
        assertThat(read.path("capacity").asInt()).isEqualTo(1);
        assertThat(read.path("policy").path("bufferMinutes").asInt()).isEqualTo(15);
        assertThat(read.path("policy").path("maxAdvanceDays").asInt()).isEqualTo(400);
        List<String> hours = new ArrayList<>();
        read.path("workingHours").forEach(h -> hours.add(h.path("day").asText() + " "
                + LocalTime.parse(h.path("start").asText()) + "-" + LocalTime.parse(h.path("end").asText())));
        assertThat(hours).containsExactly("MONDAY 09:00-12:00", "MONDAY 13:00-17:30", "FRIDAY 10:00-14:00");
        assertThat(read.path("sessions")).isEmpty();
    }

    @Test
    void availabilityListsTheGridWithOffsetsAndABookedSlotStaysListedAsNotBookable() {
        // given a service open 09:00-12:00 with 30-minute slots
        LocalDate day = nextWeek();
        Api.AppointmentFixture service = morning(day, 0);

        // when a client asks for that day's availability
        JsonNode slots = slotsOn(service, day);

        // then it lists the six slots of the grid, in order, each an instant with an offset, each free
        List<Instant> grid = new ArrayList<>();
        for (LocalTime t = LocalTime.of(9, 0); t.isBefore(LocalTime.of(12, 0)); t = t.plus(SLOT)) {
            grid.add(service.at(day, t.toString()));
        }
        assertThat(starts(slots)).containsExactlyElementsOf(grid);
        for (JsonNode slot : slots) {
            assertThat(Duration.between(instant(slot.path("start")), instant(slot.path("end")))).isEqualTo(SLOT);
            assertThat(slot.path("sessionId").isMissingNode() || slot.path("sessionId").isNull()).isTrue();
            assertThat(slot.path("totalSpots").asInt()).isEqualTo(1);
            assertThat(slot.path("openSpots").asInt()).isEqualTo(1);
            assertThat(slot.path("bookable").asBoolean()).isTrue();
            assertThat(slot.path("waitlistOpenSpots").asInt()).isZero();
            assertThat(slot.path("policyViolations").path("tooEarlyToBook").asBoolean()).isFalse();
            assertThat(slot.path("policyViolations").path("tooLateToBook").asBoolean()).isFalse();
        }

        // when 10:00 is booked
        Instant ten = service.at(day, "10:00");
        Api.Response booked = ok(book(service, ten), 201);
        assertThat(booked.text("status")).isEqualTo("CONFIRMED");

        // then the booking reads back with that slot, and the slot stays listed, taken
        JsonNode booking = read(booked.text("bookingId"));
        assertThat(booking.path("serviceType").asText()).isEqualTo("APPOINTMENT");
        assertThat(instant(booking.path("start"))).isEqualTo(ten);
        assertThat(instant(booking.path("end"))).isEqualTo(ten.plus(SLOT));
        JsonNode after = slotsOn(service, day);
        assertThat(starts(after)).containsExactlyElementsOf(grid);
        for (JsonNode slot : after) {
            boolean taken = instant(slot.path("start")).equals(ten);
            assertThat(slot.path("bookable").asBoolean()).as(slot.toString()).isEqualTo(!taken);
            assertThat(slot.path("openSpots").asInt()).as(slot.toString()).isEqualTo(taken ? 0 : 1);
            assertThat(slot.path("totalSpots").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aBookingKeepsItsBufferFreeAndASlotWhoseBufferWouldHitALaterBookingIsNotBookable() {
        // given 30-minute slots with a 60-minute buffer from 08:00 to 13:00, and a booking at 10:00 (holding
        // 10:00-11:30; any new slot holds 90 minutes too)
        LocalDate day = nextWeek();
        Api.AppointmentFixture service = api.createAppointmentService(BERLIN,
                List.of(hours(day.getDayOfWeek(), "08:00", "13:00")), 30,
                Map.of("policy", Map.of("maxAdvanceDays", 400, "bufferMinutes", 60)));
        String booked = ok(book(service, service.at(day, "10:00")), 201).text("bookingId");

        // then the slots in its buffer, and those whose own buffer would reach it, are not bookable
        assertThat(bookable(service, service.at(day, "08:00"))).isTrue();
        assertThat(bookable(service, service.at(day, "08:30"))).isTrue();  // its buffer ends at 10:00
        assertThat(bookable(service, service.at(day, "09:00"))).isFalse(); // its buffer would reach 10:00
        assertThat(bookable(service, service.at(day, "09:30"))).isFalse();
        assertThat(bookable(service, service.at(day, "10:00"))).isFalse();
        assertThat(bookable(service, service.at(day, "10:30"))).isFalse(); // in the booking's buffer
        assertThat(bookable(service, service.at(day, "11:00"))).isFalse(); // in the booking's buffer
        assertThat(bookable(service, service.at(day, "11:30"))).isTrue();

        // and the command side agrees
        conflict(book(service, service.at(day, "09:00")), "capacity");
        conflict(book(service, service.at(day, "11:00")), "capacity");

        // when the booking moves half an hour later, over time it holds itself
        ok(reschedule(booked, service, service.at(day, "10:30")), 200);

        // then it holds 10:30-12:00: 09:00 is free now, 11:30 no longer
        assertThat(instant(read(booked).path("start"))).isEqualTo(service.at(day, "10:30"));
        assertThat(bookable(service, service.at(day, "09:00"))).isTrue();
        assertThat(bookable(service, service.at(day, "09:30"))).isFalse();
        assertThat(bookable(service, service.at(day, "11:30"))).isFalse();
        assertThat(bookable(service, service.at(day, "12:00"))).isTrue();
        conflict(book(service, service.at(day, "11:30")), "capacity");
        ok(book(service, service.at(day, "09:00")), 201);
    }

    @Test
    void offGridWrongLengthAndTakenSlotsAreRejectedAndChangeNothing() {
        // given a booking at 10:00
        LocalDate day = nextWeek();
        Api.AppointmentFixture service = morning(day, 0);
        Instant ten = service.at(day, "10:00");
        String taken = ok(book(service, ten), 201).text("bookingId");
        JsonNode before = slotsOn(service, day);
        int listed = Checks.listed(api, service.serviceId());

        // when clients send a start off the grid, an end that is not the slot's, no end, a time outside the working
        // hours, and the taken slot, each with its own booking id
        List<String> rejected = new ArrayList<>();
        Map<String, Object> offGrid = Api.appointment(service, service.at(day, "10:10"));
        badField(postWithId(offGrid, rejected), "start");
        Map<String, Object> wrongEnd = Api.appointment(service, ten.plus(SLOT));
        wrongEnd.put("end", ten.plus(SLOT).plus(Duration.ofMinutes(45)).toString());
        badField(postWithId(wrongEnd, rejected), "end");
        Map<String, Object> twoSlots = Api.appointment(service, ten.plus(SLOT));
        twoSlots.put("end", ten.plus(SLOT).plus(SLOT).plus(SLOT).toString());
        badField(postWithId(twoSlots, rejected), "end");
        Map<String, Object> noEnd = Api.appointment(service, ten.plus(SLOT));
        noEnd.remove("end");
        badField(postWithId(noEnd, rejected), "end");
        badField(postWithId(Api.appointment(service, service.at(day, "12:00")), rejected), "start");
        badField(postWithId(Api.appointment(service, service.at(day.plusDays(1), "10:00")), rejected), "start");
        Api.Response full = conflict(postWithId(Api.appointment(service, ten), rejected), "capacity");
        assertThat(full.contentType()).startsWith("application/problem+json");

        // then none of them exists, the booking that holds the slot is as it was, and availability is unchanged
        for (String bookingId : rejected) {
            problem(api.get(Api.OWNER, "/bookings/" + bookingId), 404);
        }
        JsonNode holder = read(taken);
        assertThat(holder.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(holder.path("revision").asLong()).isEqualTo(1);
        assertThat(slotsOn(service, day)).isEqualTo(before);
        assertThat(Checks.listed(api, service.serviceId())).isEqualTo(listed);
    }

    private static Api.Response postWithId(Map<String, Object> body, List<String> ids) {
        String bookingId = UUID.randomUUID().toString();
        ids.add(bookingId);
        body.put("bookingId", bookingId);
        return api.post(Api.BOOKER, "/bookings", body);
    }

    @Test
    void cancelingFreesTheSlotForTheNextClient() {
        // given a booking at 10:00
        LocalDate day = nextWeek();
        Api.AppointmentFixture service = morning(day, 30);
        Instant ten = service.at(day, "10:00");
        String booked = ok(book(service, ten), 201).text("bookingId");
        assertThat(bookable(service, ten)).isFalse();

        // when it is canceled
        Api.Response canceled = ok(api.post(Api.BOOKER, "/bookings/" + booked + "/cancel", Map.of()), 200);
        assertThat(canceled.text("status")).isEqualTo("CANCELED");

        // then the slot and its buffer are free again, and another client books it
        JsonNode slot = slotAt(service, ten);
        assertThat(slot.path("bookable").asBoolean()).isTrue();
        assertThat(slot.path("openSpots").asInt()).isEqualTo(1);
        assertThat(bookable(service, ten.plus(SLOT))).isTrue();
        ok(book(service, ten), 201);
        assertThat(bookable(service, ten)).isFalse();
    }

    @Test
    void rescheduleMovesTheBookingOrChangesNothing() {
        // given bookings at 10:00 and 11:00
        LocalDate day = nextWeek();
        Api.AppointmentFixture service = morning(day, 0);
        Instant ten = service.at(day, "10:00");
        Instant nine = service.at(day, "09:00");
        Instant eleven = service.at(day, "11:00");
        String moving = ok(book(service, ten), 201).text("bookingId");
        String other = ok(book(service, eleven), 201).text("bookingId");

        // when the first moves to 09:00
        Api.Response moved = ok(api.post(Api.BOOKER, "/bookings/" + moving + "/reschedule", Map.of(
                "start", nine.toString(), "end", nine.plus(SLOT).toString(), "expectedRevision", 1)), 200);

        // then it stands at 09:00, and 10:00 is bookable again
        assertThat(moved.text("status")).isEqualTo("CONFIRMED");
        assertThat(moved.body().path("revision").asLong()).isEqualTo(2);
        JsonNode booking = read(moving);
        assertThat(instant(booking.path("start"))).isEqualTo(nine);
        assertThat(instant(booking.path("end"))).isEqualTo(nine.plus(SLOT));
        assertThat(bookable(service, nine)).isFalse();
        assertThat(bookable(service, ten)).isTrue();
        assertThat(bookable(service, eleven)).isFalse();

        // when it tries to move onto the taken 11:00, or off the grid, or with a stale revision
        JsonNode before = slotsOn(service, day);
        conflict(reschedule(moving, service, eleven), "capacity");
        badField(reschedule(moving, service, service.at(day, "10:15")), "start");
        conflict(api.post(Api.BOOKER, "/bookings/" + moving + "/reschedule", Map.of(
                "start", ten.toString(), "end", ten.plus(SLOT).toString(), "expectedRevision", 1)), "revision");

        // then nothing changed: both bookings where they were, availability as before
        JsonNode after = read(moving);
        assertThat(instant(after.path("start"))).isEqualTo(nine);
        assertThat(after.path("revision").asLong()).isEqualTo(2);
        JsonNode untouched = read(other);
        assertThat(instant(untouched.path("start"))).isEqualTo(eleven);
        assertThat(untouched.path("revision").asLong()).isEqualTo(1);
        assertThat(slotsOn(service, day)).isEqualTo(before);
    }

    @Test
    void anAppointmentHasOneParticipantCountThatCannotChange() {
        LocalDate day = nextWeek();
        Api.AppointmentFixture service = morning(day, 0);
        String booked = ok(book(service, service.at(day, "10:00")), 201).text("bookingId");

        conflict(api.post(Api.BOOKER, "/bookings/" + booked + "/participants", Map.of("participants", 2)),
                "serviceType");

        JsonNode booking = read(booked);
        assertThat(booking.path("participants").asInt()).isEqualTo(1);
        assertThat(booking.path("revision").asLong()).isEqualTo(1);
    }

    @Test
    void theCheckAnswersForFreeTakenBufferedAndOffGridTimes() {
        // given 30-minute slots with a 30-minute buffer
        LocalDate day = nextWeek();
        Api.AppointmentFixture service = morning(day, 30);
        Instant ten = service.at(day, "10:00");

        // a free slot is available
        Api.Response free = check(service, ten, ten.plus(SLOT));
        assertThat(free.body().path("available").asBoolean()).isTrue();
        assertThat(free.body().path("openSpots").asInt()).isEqualTo(1);
        assertThat(free.body().has("reason")).isFalse();

        // when 10:00 is booked, it and the slot in its buffer are full
        ok(book(service, ten), 201);
        Api.Response taken = check(service, ten, ten.plus(SLOT));
        assertThat(taken.body().path("available").asBoolean()).isFalse();
        assertThat(taken.body().path("openSpots").asInt()).isZero();
        assertThat(taken.text("reason")).isEqualTo("full");
        assertThat(check(service, ten.plus(SLOT), ten.plus(SLOT).plus(SLOT)).text("reason")).isEqualTo("full");
        assertThat(check(service, ten.plus(SLOT).plus(SLOT), ten.plus(SLOT).plus(SLOT).plus(SLOT))
                .body().path("available").asBoolean()).isTrue();

        // and a time off the grid, or of the wrong length, is no slot at all
        Api.Response offGrid = check(service, service.at(day, "10:10"), service.at(day, "10:40"));
        assertThat(offGrid.body().path("available").asBoolean()).isFalse();
        assertThat(offGrid.text("reason")).isEqualTo("notASlot");
        assertThat(check(service, ten.plus(SLOT), ten.plus(Duration.ofMinutes(75))).text("reason"))
                .isEqualTo("notASlot");
    }

    @Test
    void changingWorkingHoursOrBufferLeavesAnExistingBookingWhereItWas() {
        // given a booking at 10:00 made without a buffer
        LocalDate day = nextWeek();
        Api.AppointmentFixture service = morning(day, 0);
        Instant ten = service.at(day, "10:00");
        String booked = ok(book(service, ten), 201).text("bookingId");

        // when the owner opens only from 10:30 and adds a 60-minute buffer
        ok(api.send(Api.OWNER, "PUT", "/services/" + service.serviceId(), Map.of(
                "name", "Haircut", "price", Map.of("amount", "30.00", "currency", "EUR"),
                "paymentOptions", List.of("IN_PERSON", "ONLINE"),
                "workingHours", List.of(hours(day.getDayOfWeek(), "10:30", "15:00")),
                "policy", Map.of("maxAdvanceDays", 400, "bufferMinutes", 60)), Map.of()), 200);

        // then the booking keeps its time, its status and its own (zero) buffer
        JsonNode booking = read(booked);
        assertThat(instant(booking.path("start"))).isEqualTo(ten);
        assertThat(instant(booking.path("end"))).isEqualTo(ten.plus(SLOT));
        assertThat(booking.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(booking.path("revision").asLong()).isEqualTo(1);

        // and the new grid starts at 10:30, right after it, bookable because the old booking brings no buffer
        assertThat(starts(slotsOn(service, day)).get(0)).isEqualTo(service.at(day, "10:30"));
        assertThat(bookable(service, service.at(day, "10:30"))).isTrue();
        ok(book(service, service.at(day, "10:30")), 201);
        // while a new booking brings the new buffer: 10:30 holds until 12:00
        assertThat(bookable(service, service.at(day, "11:30"))).isFalse();
        assertThat(bookable(service, service.at(day, "12:00"))).isTrue();

        // and the old booking can still be canceled, freeing its time
        ok(api.post(Api.OWNER, "/bookings/" + booked + "/cancel", Map.of()), 200);
        assertThat(read(booked).path("status").asText()).isEqualTo("CANCELED");
    }

    // --- daylight saving, over HTTP, on the zone's next real transitions ---

    /**
     * The zone's next transition of the given kind (a gap: spring forward; else an overlap: fall back), at least a
     * day ahead so that today's clock and the booking window never interfere.
     */
    private static ZoneOffsetTransition nextTransition(ZoneId zone, boolean gap) {
        ZoneOffsetTransition transition = zone.getRules().nextTransition(Instant.now().plus(Duration.ofDays(1)));
        while (transition != null && transition.isGap() != gap) {
            transition = zone.getRules().nextTransition(transition.getInstant());
        }
        assertThat(transition).as("%s has a next %s transition", zone, gap ? "spring-forward" : "fall-back")
                .isNotNull();
        return transition;
    }

    /** An appointment service in {@code zone} open 00:00-05:00 on the weekday of {@code date}, 30-minute slots. */
    private static Api.AppointmentFixture nightService(String zone, LocalDate date) {
        return api.createAppointmentService(zone, List.of(hours(date.getDayOfWeek(), "00:00", "05:00")), 30,
                Map.of("policy", Map.of("maxAdvanceDays", 400)));
    }

    private static List<LocalTime> localStarts(JsonNode slots, ZoneId zone) {
        return starts(slots).stream().map(start -> start.atZone(zone).toLocalTime()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York"})
    void onTheSpringForwardDayTheSkippedLocalTimesHaveNoSlot(String zoneName) {
        // given a service open 00:00-05:00 on the weekday of the zone's next spring-forward day
        ZoneId zone = ZoneId.of(zoneName);
        ZoneOffsetTransition jump = nextTransition(zone, true);
        LocalDate date = jump.getDateTimeBefore().toLocalDate();
        Api.AppointmentFixture service = nightService(zoneName, date);

        // when a client lists that day
        JsonNode slots = slotsOn(service, date);

        // then every local half hour has a slot except those the clock jumps over, each 30 real minutes long
        LocalTime gapFrom = jump.getDateTimeBefore().toLocalTime();
        LocalTime gapTo = jump.getDateTimeAfter().toLocalTime();
        List<LocalTime> expected = new ArrayList<>();
        List<LocalTime> skipped = new ArrayList<>();
        for (LocalTime t = LocalTime.MIDNIGHT; t.isBefore(LocalTime.of(5, 0)); t = t.plus(SLOT)) {
            (t.isBefore(gapFrom) || !t.isBefore(gapTo) ? expected : skipped).add(t);
        }
        assertThat(skipped).isNotEmpty();
        assertThat(localStarts(slots, zone)).containsExactlyElementsOf(expected).doesNotContainAnyElementsOf(skipped);
        for (JsonNode slot : slots) {
            assertThat(Duration.between(instant(slot.path("start")), instant(slot.path("end")))).isEqualTo(SLOT);
            assertThat(slot.path("bookable").asBoolean()).as(slot.toString()).isTrue();
        }

        // when the slot right after the gap and the one right before it are booked
        Instant afterGap = jump.getInstant();
        Instant beforeGap = afterGap.minus(SLOT);
        assertThat(afterGap.atZone(zone).toLocalTime()).isEqualTo(gapTo);
        String after = ok(book(service, afterGap), 201).text("bookingId");
        String before = ok(book(service, beforeGap), 201).text("bookingId");

        // then both stand where asked (they touch in real time but do not overlap), and are taken
        assertThat(instant(read(after).path("start"))).isEqualTo(afterGap);
        assertThat(instant(read(after).path("end"))).isEqualTo(afterGap.plus(SLOT));
        assertThat(instant(read(before).path("end"))).isEqualTo(afterGap);
        assertThat(bookable(service, afterGap)).isFalse();
        assertThat(bookable(service, beforeGap)).isFalse();
        assertThat(bookable(service, afterGap.plus(SLOT))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York"})
    void onTheFallBackDayEachLocalStartHasOneSlotAtTheEarlierOffset(String zoneName) {
        // given a service open 00:00-05:00 on the weekday of the zone's next fall-back day
        ZoneId zone = ZoneId.of(zoneName);
        ZoneOffsetTransition fallBack = nextTransition(zone, false);
        LocalDate date = fallBack.getDateTimeBefore().toLocalDate();
        Api.AppointmentFixture service = nightService(zoneName, date);

        // when a client lists that day
        JsonNode slots = slotsOn(service, date);

        // then each local half hour appears exactly once
        List<LocalTime> expected = new ArrayList<>();
        for (LocalTime t = LocalTime.MIDNIGHT; t.isBefore(LocalTime.of(5, 0)); t = t.plus(SLOT)) {
            expected.add(t);
        }
        assertThat(localStarts(slots, zone)).containsExactlyElementsOf(expected);

        // and a local time the clock passes twice is taken at its earlier offset, never the later one
        LocalTime repeatedFrom = fallBack.getDateTimeAfter().toLocalTime();
        LocalTime repeatedTo = fallBack.getDateTimeBefore().toLocalTime();
        List<Instant> starts = starts(slots);
        List<Instant> later = new ArrayList<>();
        for (LocalTime t = repeatedFrom; t.isBefore(repeatedTo); t = t.plus(SLOT)) {
            LocalDateTime local = date.atTime(t);
            Instant earlier = ZonedDateTime.ofLocal(local, zone, fallBack.getOffsetBefore()).toInstant();
            later.add(ZonedDateTime.ofLocal(local, zone, fallBack.getOffsetAfter()).toInstant());
            assertThat(starts).as("%s at %s", t, fallBack.getOffsetBefore()).contains(earlier);
        }
        assertThat(later).isNotEmpty();
        assertThat(starts).doesNotContainAnyElementsOf(later);
        for (JsonNode slot : slots) {
            assertThat(Duration.between(instant(slot.path("start")), instant(slot.path("end")))).isEqualTo(SLOT);
        }

        // and the command side agrees: the earlier occurrence can be booked, the later one is not a slot
        Instant earlierStart = ZonedDateTime.ofLocal(date.atTime(repeatedFrom), zone, fallBack.getOffsetBefore())
                .toInstant();
        String booked = ok(book(service, earlierStart), 201).text("bookingId");
        assertThat(instant(read(booked).path("start"))).isEqualTo(earlierStart);
        badField(book(service, later.get(0)), "start");
        assertThat(bookable(service, earlierStart)).isFalse();
    }
}

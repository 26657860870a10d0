package com.bookingengine.standalone;

import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SPEC §5: any projection can be rebuilt from the event store while the system runs, and the rebuilt read model
 * equals the live one. Operators drive it over HTTP: {@code GET /admin/processors}, {@code POST .../replay}.
 */
class ReplayAdminTest {

    private static final String DB = "jdbc:h2:mem:replay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private static final List<String> PROJECTIONS = List.of("bookings", "catalogue", "availability", "checkout");

    private static ConfigurableApplicationContext node;
    private static Api api;
    private static JdbcTemplate db;

    @BeforeAll
    static void start() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        node = new SpringApplicationBuilder(StandaloneApplication.class)
                // A test-only projection whose reset waits for the test: a replay that is still running, on demand.
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean(GatedResetProjection.class, GatedResetProjection::new))
                .run("--server.port=0", "--spring.datasource.url=" + DB);
        api = Nodes.api(node);
        db = new JdbcTemplate(node.getBean(DataSource.class));
    }

    @AfterAll
    static void stop() {
        node.getBean(GatedResetProjection.class).gate.countDown();
        node.close();
    }

    @Test
    void replayingEachProjectionRebuildsExactlyTheLiveReadModel() {
        // given a catalogue of three classes with sessions at different times, and bookings in several states
        Instant day = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<String> services = new ArrayList<>();
        List<String> bookings = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            String serviceId = "replay-svc-" + s + "-" + UUID.randomUUID();
            Instant start = day.plus(s, ChronoUnit.DAYS);
            created(api.post(Api.OWNER, "/services", Map.of(
                    "serviceId", serviceId, "name", "Class " + s, "type", "CLASS", "timeZone", "Europe/Berlin",
                    "price", Map.of("amount", s == 0 ? "0.00" : "15.00", "currency", "EUR"),
                    "paymentOptions", List.of("IN_PERSON", "ONLINE", "MEMBERSHIP"), "requiresApproval", s == 2,
                    "capacity", 4,
                    "sessions", List.of(
                            Map.of("sessionId", serviceId + "-a", "start", start.toString(),
                                    "end", start.plus(1, ChronoUnit.HOURS).toString()),
                            Map.of("sessionId", serviceId + "-b", "start", start.plus(2, ChronoUnit.HOURS).toString(),
                                    "end", start.plus(3, ChronoUnit.HOURS).toString(), "capacity", 6)))));
            services.add(serviceId);
            for (int b = 0; b < 3; b++) {
                Map<String, Object> body = new LinkedHashMap<>(Map.of(
                        "serviceId", serviceId, "sessionId", serviceId + (b == 2 ? "-b" : "-a"), "participants", b + 1,
                        "contact", Map.of("contactId", "c-" + b, "firstName", "Ada", "lastName", "Nr" + b,
                                "email", "ada" + b + "@example.com"),
                        "formInfo", Map.of("note", "booking " + b),
                        "payment", Map.of("option", b == 1 ? "ONLINE" : "IN_PERSON")));
                bookings.add(created(api.post(Api.BOOKER, "/bookings", body)).text("bookingId"));
            }
        }
        ok(api.post(Api.OWNER, "/bookings/" + bookings.get(0) + "/cancel", Map.of("reason", "ill")));
        ok(api.post(Api.BOOKER, "/bookings/" + bookings.get(3) + "/cancel", Map.of()));
        ok(api.post(Api.PAYMENTS, "/bookings/" + bookings.get(4) + "/payment-approved", Map.of("transactionId", "tx-4")));
        ok(api.post(Api.OWNER, "/bookings/" + bookings.get(5) + "/mark-paid", Map.of()));
        ok(api.post(Api.OWNER, "/bookings/" + bookings.get(6) + "/confirm", Map.of()));
        ok(api.post(Api.OWNER, "/bookings/" + bookings.get(7) + "/confirm", Map.of()));
        ok(api.post(Api.PAYMENTS, "/bookings/" + bookings.get(7) + "/payment-failed", Map.of("reason", "card")));
        ok(api.post(Api.OWNER, "/bookings/" + bookings.get(8) + "/decline", Map.of("reason", "full")));

        // and an appointment service (30-minute slots, 15-minute buffer) with a standing booking at 10:00, one
        // canceled at 11:00 and one moved from 13:00 to 14:00
        LocalDate appointmentDay = day.atZone(ZoneId.of("Europe/Berlin")).toLocalDate().plusDays(2);
        Api.AppointmentFixture appointments = api.createAppointmentService("Europe/Berlin",
                List.of(Api.hours(appointmentDay.getDayOfWeek(), "09:00", "17:00")), 30,
                Map.of("policy", Map.of("maxAdvanceDays", 400, "bufferMinutes", 15)));
        services.add(appointments.serviceId());
        Instant ten = appointments.at(appointmentDay, "10:00");
        Instant eleven = appointments.at(appointmentDay, "11:00");
        Instant one = appointments.at(appointmentDay, "13:00");
        Instant two = appointments.at(appointmentDay, "14:00");
        bookings.add(created(api.post(Api.BOOKER, "/bookings", Api.appointment(appointments, ten))).text("bookingId"));
        String canceled = created(api.post(Api.BOOKER, "/bookings", Api.appointment(appointments, eleven)))
                .text("bookingId");
        String moved = created(api.post(Api.BOOKER, "/bookings", Api.appointment(appointments, one))).text("bookingId");
        bookings.add(canceled);
        bookings.add(moved);
        ok(api.post(Api.BOOKER, "/bookings/" + canceled + "/cancel", Map.of()));
        ok(api.post(Api.BOOKER, "/bookings/" + moved + "/reschedule",
                Map.of("start", two.toString(), "end", appointments.endOf(two).toString())));

        // and a course of 2 seats: a canceled booking whose seat went to a waitlisted one, and one still waiting
        Api.CourseFixture course = api.createCourse(2, 11, Map.of("policy", Map.of("waitlistCapacity", 2)));
        services.add(course.serviceId());
        List<String> courseBookings = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            Map<String, Object> body = Api.courseBooking(course);
            body.put("joinWaitlist", b >= 2);
            courseBookings.add(created(api.post(Api.BOOKER, "/bookings", body)).text("bookingId"));
        }
        bookings.addAll(courseBookings);
        ok(api.post(Api.OWNER, "/bookings/" + courseBookings.get(0) + "/cancel", Map.of()));
        // and a member whose plan paid for one booking
        String planId = created(api.post(Api.OWNER, "/members/c-0/plans", Map.of("name", "Pass", "credits", 5,
                "serviceIds", services))).text("planId");
        bookings.add(created(api.post(Api.BOOKER, "/bookings", Map.of("serviceId", services.get(1),
                "sessionId", services.get(1) + "-b", "participants", 2, "contact", Map.of("contactId", "c-0",
                        "firstName", "Ada", "lastName", "Member", "email", "ada@example.com"),
                "payment", Map.of("option", "MEMBERSHIP", "planId", planId)))).text("bookingId"));
        awaitCaughtUp(PROJECTIONS);

        // and the answers the live read models give
        Map<String, JsonNode> live = answers(services, bookings, day);
        assertThat(live.get("/bookings?size=200").path("total").asInt()).isGreaterThanOrEqualTo(16);
        assertThat(live.get("/bookings/" + bookings.get(0)).path("status").asText()).isEqualTo("CANCELED");
        assertThat(live.get("/availability " + services.get(1)).path("slots")).hasSize(2);
        Map<Instant, Boolean> bookable = new LinkedHashMap<>();
        live.get("/availability " + appointments.serviceId()).path("slots").forEach(slot ->
                bookable.put(Instant.parse(slot.path("start").asText()), slot.path("bookable").asBoolean()));
        assertThat(bookable).containsEntry(ten, false).containsEntry(eleven, true).containsEntry(one, true)
                .containsEntry(two, false).containsEntry(appointments.endOf(two), false); // in the buffer
        assertThat(Instant.parse(live.get("/bookings/" + moved).path("start").asText())).isEqualTo(two);
        assertThat(live.get("/bookings/" + courseBookings.get(2)).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(live.get("/bookings/" + courseBookings.get(3)).path("waitlisted").asBoolean()).isTrue();
        JsonNode courseSlots = live.get("/availability " + course.serviceId()).path("slots");
        assertThat(courseSlots).hasSize(1);
        assertThat(courseSlots.get(0).path("openSpots").asInt()).isZero();
        assertThat(courseSlots.get(0).path("waitlistOpenSpots").asInt()).isEqualTo(1);
        assertThat(live.get("/services/" + course.serviceId()).path("sessions")).hasSize(3);
        assertThat(live.get("/checkout-options " + services.get(1)).path("options").get(2).path("remainingCredits")
                .asInt()).isEqualTo(3);

        // and read models that went wrong behind the engine's back
        db.update("delete from booking_view");
        db.update("update availability_session set reserved = reserved + 1");
        db.update("update availability_session set waitlisted = 0");
        db.update("delete from availability_block");
        db.update("delete from catalogue_session");
        db.update("delete from catalogue_course_session");
        db.update("update catalogue_service set name = 'tampered'");
        db.update("update checkout_plan set remaining_credits = 99");
        Map<String, JsonNode> damaged = answers(services, bookings, day);
        assertThat(damaged.get("/bookings?size=200")).isNotEqualTo(live.get("/bookings?size=200"));
        assertThat(damaged.get("/services")).isNotEqualTo(live.get("/services"));
        for (String serviceId : List.of(services.get(0), appointments.serviceId(), course.serviceId())) {
            assertThat(damaged.get("/availability " + serviceId)).as(serviceId)
                    .isNotEqualTo(live.get("/availability " + serviceId));
        }
        assertThat(damaged.get("/checkout-options " + services.get(0)))
                .isNotEqualTo(live.get("/checkout-options " + services.get(0)));

        // when an operator replays each projection
        for (String projection : PROJECTIONS) {
            Api.Response accepted = api.post(Api.OPERATOR, "/admin/processors/" + projection + "/replay", null);
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        }
        awaitCaughtUp(PROJECTIONS);

        // then every answer equals the live one, row for row
        Map<String, JsonNode> rebuilt = answers(services, bookings, day);
        assertThat(rebuilt.keySet()).isEqualTo(live.keySet());
        live.forEach((query, answer) -> assertThat(rebuilt.get(query)).as(query).isEqualTo(answer));

        // and each can be rebuilt again right away, although no event newer than the last reset has arrived
        for (String projection : PROJECTIONS) {
            Api.Response accepted = api.post(Api.OPERATOR, "/admin/processors/" + projection + "/replay", null);
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        }
        awaitCaughtUp(PROJECTIONS);
        Map<String, JsonNode> rebuiltTwice = answers(services, bookings, day);
        live.forEach((query, answer) -> assertThat(rebuiltTwice.get(query)).as(query).isEqualTo(answer));
    }

    @Test
    void processorsReportPositionAndLagAgainstTheEventStoreHead() {
        api.createClass(3, Map.of());
        awaitCaughtUp(PROJECTIONS);

        Api.Response listed = api.get(Api.OPERATOR, "/admin/processors");

        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        Map<String, JsonNode> byName = byName(listed.body());
        assertThat(byName).containsKeys("bookings", "catalogue", "availability", "gate");
        long head = db.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        for (String projection : PROJECTIONS) {
            JsonNode processor = byName.get(projection);
            assertThat(processor.path("running").asBoolean()).as(projection).isTrue();
            assertThat(processor.path("replaying").asBoolean()).as(projection).isFalse();
            assertThat(processor.path("position").isNumber()).as(projection).isTrue();
            assertThat(processor.path("position").asLong()).as(projection).isEqualTo(head);
            assertThat(processor.path("lag").asLong()).as(projection).isZero();
            assertThat(processor.path("deadLetters").asLong()).as(projection).isZero();
        }
    }

    @Test
    void aReplayRunsInTheBackgroundWhileTheEngineServesAndCannotBeStartedTwice() {
        GatedResetProjection gated = node.getBean(GatedResetProjection.class);
        awaitCaughtUp(List.of("gate"));
        Api.ClassFixture before = api.createClass(2, Map.of());
        awaitCaughtUp(List.of("gate"));
        int seenBefore = gated.seen.size();

        // when a replay starts (and its reset waits for the test)
        assertThat(api.post(Api.OPERATOR, "/admin/processors/gate/replay", null).status()).isEqualTo(202);
        await("the gated reset to begin").atMost(Duration.ofSeconds(10)).until(() -> gated.resetting);

        // then a second replay of the same processor is refused
        Api.Response again = api.post(Api.OPERATOR, "/admin/processors/gate/replay", null);
        problem(again, 409);
        assertThat(again.text("reason")).isEqualTo("replaying");
        assertThat(byName(api.get(Api.OPERATOR, "/admin/processors").body()).get("gate").path("replaying").asBoolean())
                .isTrue();

        // and the engine keeps taking commands and answering queries meanwhile
        Api.Response booked = api.post(Api.BOOKER, "/bookings", Api.booking(before, "IN_PERSON"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(api.get(Api.OWNER, "/bookings/" + booked.text("bookingId")).status()).isEqualTo(200);

        // and when the reset completes, the processor reads the whole history again and catches up
        gated.gate.countDown();
        awaitCaughtUp(List.of("gate"));
        assertThat(gated.resets).isEqualTo(1);
        assertThat(gated.seen).hasSize(seenBefore);
        assertThat(gated.seen).contains(before.serviceId());

        // and once it has caught up, it can be replayed again
        assertThat(api.post(Api.OPERATOR, "/admin/processors/gate/replay", null).status()).isEqualTo(202);
        awaitCaughtUp(List.of("gate"));
        assertThat(gated.resets).isEqualTo(2);
        assertThat(gated.seen).hasSize(seenBefore);
    }

    @Test
    void onlyOperatorsMayUseTheProcessorEndpoints() {
        for (String key : List.of(Api.OWNER, Api.BOOKER, Api.PAYMENTS, Api.AUDITOR)) {
            problem(api.get(key, "/admin/processors"), 403);
            problem(api.post(key, "/admin/processors/bookings/replay", null), 403);
            problem(api.get(key, "/admin/processors/bookings/dead-letters"), 403);
            problem(api.post(key, "/admin/processors/bookings/dead-letters/retry", null), 403);
        }
        problem(api.get(null, "/admin/processors"), 401);
        problem(api.post(null, "/admin/processors/bookings/replay", null), 401);
    }

    @Test
    void anUnknownProcessorIsNotFound() {
        Api.Response replay = problem(api.post(Api.OPERATOR, "/admin/processors/no-such-projection/replay", null), 404);
        assertThat(replay.text("detail")).contains("no-such-projection");
        problem(api.get(Api.OPERATOR, "/admin/processors/no-such-projection"), 404);
        problem(api.get(Api.OPERATOR, "/admin/processors/no-such-projection/dead-letters"), 404);
        problem(api.post(Api.OPERATOR, "/admin/processors/no-such-projection/dead-letters/retry", null), 404);
    }

    /** Everything a dashboard, auditor or booker reads from the four projections, keyed by query. */
    private static Map<String, JsonNode> answers(List<String> services, List<String> bookings, Instant day) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        answers.put("/bookings?size=200", ok(api.get(Api.OWNER, "/bookings?size=200")).body());
        answers.put("/bookings?sort=createdAt,desc", ok(api.get(Api.OWNER, "/bookings?size=200&sort=createdAt,desc")).body());
        for (String bookingId : bookings) {
            Api.Response one = api.get(Api.OWNER, "/bookings/" + bookingId);
            answers.put("/bookings/" + bookingId, one.status() == 200 ? one.body() : null);
        }
        answers.put("/services", ok(api.get(Api.OWNER, "/services")).body());
        for (String serviceId : services) {
            answers.put("/services/" + serviceId, ok(api.get(Api.OWNER, "/services/" + serviceId)).body());
            answers.put("/availability " + serviceId, ok(api.get(Api.BOOKER, "/availability?serviceId=" + serviceId
                    + "&from=" + day.minus(1, ChronoUnit.DAYS) + "&to=" + day.plus(10, ChronoUnit.DAYS))).body());
            answers.put("/checkout-options " + serviceId, ok(api.get(Api.BOOKER, "/checkout-options?serviceId="
                    + serviceId + "&contactId=c-0")).body());
        }
        return answers;
    }

    /** Bounded polling: every named processor running, not replaying, at the event store's head. */
    private static void awaitCaughtUp(List<String> names) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Api.Response listed = ok(api.get(Api.OPERATOR, "/admin/processors"));
            last = listed.body();
            Map<String, JsonNode> byName = byName(last);
            if (names.stream().map(byName::get).allMatch(p -> p != null
                    && p.path("running").asBoolean() && !p.path("replaying").asBoolean()
                    && p.path("lag").isNumber() && p.path("lag").asLong() == 0)) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new AssertionError("processors " + names + " did not catch up within 30 s: " + last);
    }

    private static Map<String, JsonNode> byName(JsonNode list) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        list.path("processors").forEach(p -> byName.put(p.path("name").asText(), p));
        return byName;
    }

    private static Api.Response created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }

    private static Api.Response ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private static Api.Response problem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.text("detail")).as(response.toString()).isNotBlank();
        return response;
    }

    /**
     * A test-only projection: remembers the services it saw; its reset handler waits for the test to open the gate,
     * so a replay can be observed while it runs. Not a {@code @Component}: only this test's engine has it.
     */
    @ProcessingGroup("gate")
    static class GatedResetProjection {

        final CountDownLatch gate = new CountDownLatch(1);
        final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean resetting;
        volatile int resets;

        @EventHandler
        void on(ServiceCreatedEvent event) {
            seen.add(event.serviceId());
        }

        @ResetHandler
        void reset() throws InterruptedException {
            resetting = true;
            gate.await(30, TimeUnit.SECONDS);
            seen.clear();
            resets++;
        }
    }
}

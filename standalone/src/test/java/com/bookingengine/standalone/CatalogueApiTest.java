package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.bookingengine.standalone.Checks.badField;
import static com.bookingengine.standalone.Checks.conflict;
import static com.bookingengine.standalone.Checks.ok;
import static com.bookingengine.standalone.Checks.problem;
import static com.bookingengine.standalone.Checks.slots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalogue over HTTP (SPEC §3 services and schedules, §4 {@code PUT /services/{id}} and
 * {@code POST /services/{id}/sessions}): weekly recurring sessions in the service's zone, and an update of a
 * service's terms that applies to new bookings only.
 */
class CatalogueApiTest extends EngineTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void weeklySessionsAreScheduledAtLocalTimeAndShowInTheCatalogueAndAvailability() {
        // given a New York class without sessions
        String serviceId = createService(Map.of());
        LocalDate from = LocalDate.now(NEW_YORK).plusDays(7);
        String day = from.getDayOfWeek().name();
        Map<String, Object> weekly = Map.of("days", List.of(day), "start", "18:00", "end", "19:00",
                "from", from.toString(), "until", from.plusDays(14).toString());

        // when three weeks of 18:00-19:00 are scheduled with 4 seats each
        Api.Response created = ok(api.post(Api.OWNER, "/services/" + serviceId + "/sessions",
                Map.of("weekly", weekly, "capacity", 4)), 201);

        // then the sessions have ids from their local dates and start at 18:00 New York time
        List<String> expectedIds = new ArrayList<>();
        List<Instant> expectedStarts = new ArrayList<>();
        for (int week = 0; week < 3; week++) {
            LocalDate date = from.plusWeeks(week);
            expectedIds.add(serviceId + "-" + date.format(DateTimeFormatter.BASIC_ISO_DATE) + "-1800");
            expectedStarts.add(ZonedDateTime.of(date, LocalTime.of(18, 0), NEW_YORK).toInstant());
        }
        assertThat(texts(created.body().path("sessionIds"))).containsExactlyElementsOf(expectedIds);

        JsonNode sessions = ok(api.get(Api.BOOKER, "/services/" + serviceId), 200).body().path("sessions");
        assertThat(texts(sessions, "sessionId")).containsExactlyElementsOf(expectedIds);
        assertThat(texts(sessions, "start").stream().map(Instant::parse).toList())
                .containsExactlyElementsOf(expectedStarts);
        assertThat(texts(sessions, "capacity")).containsOnly("4");

        JsonNode slots = slots(api, serviceId, expectedStarts.get(0).minus(1, ChronoUnit.DAYS),
                expectedStarts.get(2).plus(1, ChronoUnit.DAYS), 1);
        assertThat(texts(slots, "sessionId")).containsExactlyElementsOf(expectedIds);
        assertThat(texts(slots, "openSpots")).containsOnly("4");
        assertThat(texts(slots, "bookable")).containsOnly("true");

        // and sending the same recurrence again is a conflict that creates nothing
        conflict(api.post(Api.OWNER, "/services/" + serviceId + "/sessions", Map.of("weekly", weekly)), "duplicate");
        assertThat(ok(api.get(Api.BOOKER, "/services/" + serviceId), 200).body().path("sessions")).hasSize(3);
    }

    @Test
    void theLargestRecurrenceIsCreatedInOneRequest() {
        // given every day for 1000 days, the most one request may create
        String serviceId = createService(Map.of());
        LocalDate from = LocalDate.now(NEW_YORK).plusDays(1);
        Map<String, Object> weekly = Map.of("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
                "SATURDAY", "SUNDAY"), "start", "06:00", "end", "07:00", "from", from.toString(),
                "until", from.plusDays(999).toString());

        // when
        Api.Response created = ok(api.post(Api.OWNER, "/services/" + serviceId + "/sessions",
                Map.of("weekly", weekly)), 201);

        // then all 1000 exist (the catalogue may trail a response this large by a moment)
        assertThat(created.body().path("sessionIds")).hasSize(1000);
        await("1000 sessions in the catalogue").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                ok(api.get(Api.BOOKER, "/services/" + serviceId), 200).body().path("sessions").size()).isEqualTo(1000));
        // and one day more is refused
        badField(api.post(Api.OWNER, "/services/" + serviceId + "/sessions", Map.of("weekly",
                with(weekly, "until", from.plusDays(1000).toString()))), "weekly.until");
    }

    @Test
    void invalidRecurrencesAreRejectedNamingTheField() {
        String serviceId = createService(Map.of());
        String path = "/services/" + serviceId + "/sessions";
        Map<String, Object> valid = Map.of("days", List.of("TUESDAY"), "start", "18:00", "end", "19:00",
                "from", "2027-01-05", "until", "2027-02-05");

        badField(api.post(Api.OWNER, path, Map.of("weekly", with(valid, "days", List.of("FUNDAY")))),
                "weekly.days[0]");
        badField(api.post(Api.OWNER, path, Map.of("weekly", with(valid, "end", "17:00"))), "weekly.end");
        badField(api.post(Api.OWNER, path, Map.of("weekly", with(valid, "until", "2027-01-01"))), "weekly.until");
        badField(api.post(Api.OWNER, path, Map.of("weekly", with(valid, "until", "2047-01-01"))), "weekly.until");
        // 4 January 2027 is a Monday: no Tuesday in it
        badField(api.post(Api.OWNER, path, Map.of("weekly", with(with(valid, "from", "2027-01-04"), "until",
                "2027-01-04"))), "weekly.days");
        badField(api.post(Api.OWNER, path, Map.of("weekly", with(valid, "start", "6pm"))), "weekly.start");
        problem(api.post(Api.OWNER, "/services/no-such-service/sessions", Map.of("weekly", valid)), 404);

        // nothing was scheduled
        assertThat(ok(api.get(Api.BOOKER, "/services/" + serviceId), 200).body().path("sessions")).isEmpty();
    }

    @Test
    void aPriceChangeAppliesToNewBookingsOnly() {
        // given a class at 20.00 EUR and a booking made at that price
        String serviceId = createService(Map.of());
        String sessionId = addSession(serviceId);
        String before = book(serviceId, sessionId, 1);

        // when the owner raises the price
        Api.Response updated = ok(put(serviceId, terms(Map.of("price", Map.of("amount", "35.00", "currency", "EUR")))),
                200);
        assertThat(updated.text("serviceId")).isEqualTo(serviceId);

        // then the catalogue shows the new price, a new booking pays it, and the earlier booking keeps its price
        JsonNode service = ok(api.get(Api.BOOKER, "/services/" + serviceId), 200).body();
        assertThat(service.path("price").path("amount").asText()).isEqualTo("35.00");
        assertThat(service.path("name").asText()).isEqualTo("Pilates, renamed");
        assertThat(service.path("sessions").get(0).path("capacity").asInt()).isEqualTo(6);
        String after = book(serviceId, sessionId, 1);
        assertThat(finalPrice(before)).isEqualTo("20.00");
        assertThat(finalPrice(after)).isEqualTo("35.00");
    }

    @Test
    void aPolicyChangeAppliesToNewBookingsOnly() {
        // given a class whose bookings may bring 4 participants and be canceled by the customer any time
        String serviceId = createService(Map.of("policy", Map.of("maxParticipantsPerBooking", 4)));
        String sessionId = addSession(serviceId);
        String before = book(serviceId, sessionId, 3);

        // when the owner allows 2 participants at most and customers to cancel no later than 30 days ahead
        ok(put(serviceId, terms(Map.of("policy", Map.of("maxParticipantsPerBooking", 2,
                "cancellationWindowMinutes", 30 * 24 * 60)))), 200);

        // then a new booking of 3 is refused, and of 2 accepted
        badField(api.post(Api.BOOKER, "/bookings", bookingBody(serviceId, sessionId, 3)), "participants");
        String after = book(serviceId, sessionId, 2);
        // and availability judges by the new policy
        assertThat(slots(api, serviceId, Instant.now(), Instant.now().plus(30, ChronoUnit.DAYS), 3).get(0)
                .path("bookable").asBoolean()).isFalse();
        // and the new booking is held to the new window, while the earlier one keeps the terms it was made with
        conflict(api.post(Api.BOOKER, "/bookings/" + after + "/cancel", Map.of()), "cancellationWindow");
        assertThat(ok(api.post(Api.BOOKER, "/bookings/" + before + "/cancel", Map.of()), 200).text("status"))
                .isEqualTo("CANCELED");
    }

    @Test
    void anUpdateCannotChangeTypeOrTimeZoneAndNeedsAKnownService() {
        String serviceId = createService(Map.of());
        badField(put(serviceId, terms(Map.of("type", "COURSE"))), "type");
        badField(put(serviceId, terms(Map.of("timeZone", "Europe/Berlin"))), "timeZone");
        badField(put(serviceId, terms(Map.of("paymentOptions", List.of()))), "paymentOptions");
        problem(put("no-such-service", terms(Map.of())), 404);
        problem(api.send(Api.BOOKER, "PUT", "/services/" + serviceId, terms(Map.of()), Map.of()), 403);
        // repeating the type and the zone is fine
        ok(put(serviceId, terms(Map.of("type", "CLASS", "timeZone", "America/New_York"))), 200);
        assertThat(ok(api.get(Api.BOOKER, "/services/" + serviceId), 200).text("name")).isEqualTo("Pilates, renamed");
    }

    // ---------------------------------------------------------------- helpers

    private static String createService(Map<String, Object> extra) {
        String serviceId = "svc-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Map.of("serviceId", serviceId, "name", "Pilates", "type", "CLASS",
                "timeZone", "America/New_York", "price", Map.of("amount", "20.00", "currency", "EUR"),
                "paymentOptions", List.of("IN_PERSON"), "capacity", 6));
        body.putAll(extra);
        ok(api.post(Api.OWNER, "/services", body), 201);
        return serviceId;
    }

    /** One session a week from now, with the service's default capacity. */
    private static String addSession(String serviceId) {
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        return ok(api.post(Api.OWNER, "/services/" + serviceId + "/sessions", Map.of("start", start.toString(),
                "end", start.plus(1, ChronoUnit.HOURS).toString())), 201).body().path("sessionIds").get(0).asText();
    }

    /** A full {@code PUT} body: the service's terms renamed, with {@code changes} on top. */
    private static Map<String, Object> terms(Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Pilates, renamed",
                "price", Map.of("amount", "20.00", "currency", "EUR"), "paymentOptions", List.of("IN_PERSON")));
        body.putAll(changes);
        return body;
    }

    private static Api.Response put(String serviceId, Map<String, Object> body) {
        return api.send(Api.OWNER, "PUT", "/services/" + serviceId, body, Map.of());
    }

    private static Map<String, Object> bookingBody(String serviceId, String sessionId, int participants) {
        return Map.of("serviceId", serviceId, "sessionId", sessionId, "participants", participants,
                "contact", Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.com"),
                "payment", Map.of("option", "IN_PERSON"));
    }

    private static String book(String serviceId, String sessionId, int participants) {
        return ok(api.post(Api.BOOKER, "/bookings", bookingBody(serviceId, sessionId, participants)), 201)
                .text("bookingId");
    }

    private static String finalPrice(String bookingId) {
        return ok(api.get(Api.OWNER, "/bookings/" + bookingId), 200).body().path("payment").path("finalPrice")
                .path("amount").asText();
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.path(field).asText()));
        return texts;
    }
}

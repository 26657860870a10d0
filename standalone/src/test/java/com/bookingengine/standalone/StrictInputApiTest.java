package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.bookingengine.standalone.Checks.badField;
import static com.bookingengine.standalone.Checks.conflict;
import static com.bookingengine.standalone.Checks.ok;
import static com.bookingengine.standalone.Checks.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input is strict, never reinterpreted (SPEC §4), tried as a hostile client would: every defect of the issue is
 * sent over HTTP to the real engine and answered 400 problem+json naming the field (409 for a stale revision), and
 * none of them writes anything: after each test the event store holds exactly the events it held before, and it
 * can still be read in full.
 */
class StrictInputApiTest extends EngineTest {

    /** A confirmed in-person booking of one seat at revision 1, the target of the transition tests. */
    private static Api.ClassFixture session;
    private static String bookingId;

    private long eventsBefore;

    @BeforeAll
    static void aBooking() {
        session = api.createClass(5, Map.of());
        bookingId = ok(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")), 201).text("bookingId");
    }

    @BeforeEach
    void countEvents() {
        eventsBefore = eventCount();
    }

    @AfterEach
    void nothingWasWrittenAndEverythingReadsBack() {
        assertThat(eventCount()).as("events written by refused requests").isEqualTo(eventsBefore);
        Api.Response booking = ok(api.get(Api.OWNER, "/bookings/" + bookingId), 200);
        assertThat(booking.text("status")).isEqualTo("CONFIRMED");
    }

    // ---- money ------------------------------------------------------------------------------------------------

    @Test
    void anAmountBeyondTheBoundOrWithAnExponentIsRefused() {
        for (String amount : new String[]{"1e1000", "1E3", "1000000000.01", "99999999999"}) {
            refusedService(Map.of("amount", amount, "currency", "EUR"), "price");
        }
        refusedCoupon(Map.of("amount", "1e1000", "currency", "EUR"), "amountOff");
    }

    @Test
    void aHugeExponentIsRefusedAtOnce() {
        // 12-14 s of CPU before the amount was checked as text: now it never becomes a number
        long started = System.nanoTime();
        refusedService(Map.of("amount", "1e10000000", "currency", "EUR"), "price");
        Map<String, Object> body = service("svc-" + UUID.randomUUID());
        String raw = RawHttp.write(body).replace("\"amount\":\"20.00\"", "\"amount\":1e10000000");
        badField(api.post(Api.OWNER, "/services", raw), "price.amount");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void moreDecimalsThanTheCurrencyHasAreRefusedNotRounded() {
        for (String amount : new String[]{"0.001", "1e-1000", "10.12345678901234567890", "10.125"}) {
            refusedService(Map.of("amount", amount, "currency", "EUR"), "price");
        }
        refusedService(Map.of("amount", "1050.5", "currency", "JPY"), "price");
        refusedCoupon(Map.of("amount", "0.001", "currency", "EUR"), "amountOff");
    }

    @Test
    void anAmountSentAsAJsonNumberIsRefused() {
        String raw = RawHttp.write(service("svc-" + UUID.randomUUID()))
                .replace("\"amount\":\"20.00\"", "\"amount\":20.00");
        badField(api.post(Api.OWNER, "/services", raw), "price.amount");
    }

    @Test
    void theLargestAmountIsWrittenAndReadsBack() {
        // given a service at the largest price, in a currency without minor units too
        Map<String, Object> euros = service("svc-" + UUID.randomUUID());
        euros.put("price", Map.of("amount", "1000000000", "currency", "EUR"));
        ok(api.post(Api.OWNER, "/services", euros), 201);
        Map<String, Object> yen = service("svc-" + UUID.randomUUID());
        yen.put("price", Map.of("amount", "1000000000", "currency", "JPY"));
        ok(api.post(Api.OWNER, "/services", yen), 201);

        // then both read back exactly, and so does the whole event store
        assertThat(ok(api.get(Api.OWNER, "/services/" + euros.get("serviceId")), 200).body().path("price")
                .path("amount").asText()).isEqualTo("1000000000.00");
        assertThat(ok(api.get(Api.OWNER, "/services/" + yen.get("serviceId")), 200).body().path("price")
                .path("amount").asText()).isEqualTo("1000000000");
        eventsBefore = eventCount();
    }

    // ---- whole numbers ----------------------------------------------------------------------------------------

    @Test
    void aFractionWhereAWholeNumberIsExpectedIsRefused() {
        badField(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", "{\"expectedRevision\": 1.5}"),
                "expectedRevision");
        badField(api.post(Api.OWNER, "/bookings/" + bookingId + "/participants",
                "{\"participants\": 1.5}"), "participants");
        badField(api.post(Api.OWNER, "/bookings/" + bookingId + "/participants",
                "{\"participants\": 2.0}"), "participants");
        Map<String, Object> booking = Api.booking(session, "IN_PERSON");
        booking.put("participants", 1.5);
        badField(api.post(Api.BOOKER, "/bookings", booking), "participants");
        badField(api.post(Api.OWNER, "/members/c-" + UUID.randomUUID() + "/plans",
                Map.of("name", "Ten", "credits", 1.5, "serviceIds", List.of(session.serviceId()))), "credits");
        badField(api.post(Api.OWNER, "/coupons", Map.of("code", code(), "percentOff", 10.5)), "percentOff");
        badField(api.post(Api.OWNER, "/coupons", Map.of("code", code(), "percentOff", 10, "maxUses", 2.5)),
                "maxUses");

        Map<String, Object> capacity = service("svc-" + UUID.randomUUID());
        capacity.put("capacity", 4.5);
        badField(api.post(Api.OWNER, "/services", capacity), "capacity");
        Map<String, Object> policy = service("svc-" + UUID.randomUUID());
        policy.put("policy", Map.of("maxParticipantsPerBooking", 2.5));
        badField(api.post(Api.OWNER, "/services", policy), "policy.maxParticipantsPerBooking");
        Map<String, Object> slots = service("svc-" + UUID.randomUUID());
        slots.put("type", "APPOINTMENT");
        slots.remove("capacity");
        slots.put("workingHours", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "12:00")));
        slots.put("slotMinutes", 30.5);
        badField(api.post(Api.OWNER, "/services", slots), "slotMinutes");
    }

    @Test
    void aValueOfAnotherJsonTypeIsNotConverted() {
        Map<String, Object> option = Api.booking(session, "IN_PERSON");
        option.put("payment", Map.of("option", 0));
        badField(api.post(Api.BOOKER, "/bookings", option), "payment.option");
        Map<String, Object> waitlist = Api.booking(session, "IN_PERSON");
        waitlist.put("joinWaitlist", "true");
        badField(api.post(Api.BOOKER, "/bookings", waitlist), "joinWaitlist");
        Map<String, Object> name = service("svc-" + UUID.randomUUID());
        name.put("name", 42);
        badField(api.post(Api.OWNER, "/services", name), "name");
    }

    @Test
    void anEnumNameWithSpaceOrControlCharactersAroundItIsRefusedNotTrimmed() {
        // Jackson would trim these to IN_PERSON and CLASS (found by HostileInputTest)
        for (String option : new String[]{"IN_PERSON ", " IN_PERSON", "IN_PERSON\u0000", "\tIN_PERSON", "IN_PERSON\n"}) {
            String booking = RawHttp.write(Api.booking(session, "IN_PERSON"))
                    .replace("\"option\":\"IN_PERSON\"", "\"option\":\"" + option + "\"");
            badField(api.post(Api.BOOKER, "/bookings", booking), "payment.option");
        }
        String service = RawHttp.write(service("svc-" + UUID.randomUUID())).replace("\"CLASS\"", "\" CLASS\"");
        badField(api.post(Api.OWNER, "/services", service), "type");
    }

    @Test
    void aDateAsDigitsInTextOrWithSpaceOrControlCharactersAroundItIsRefused() {
        // Jackson would read "1900000000" as epoch seconds (2030-03-17) and trim the rest (found by HostileInputTest)
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String sessions = "/services/" + session.serviceId() + "/sessions";
        for (String end : new String[]{"1900000000", "1900000000.5", start.plusSeconds(3600) + "\\u0000",
                " " + start.plusSeconds(3600), start.plusSeconds(3600) + "\\n"}) {
            badField(api.post(Api.OWNER, sessions, "{\"start\": \"" + start + "\", \"end\": \"" + end + "\"}"),
                    "end");
        }
        badField(api.post(Api.OWNER, "/coupons", "{\"code\": \"" + code() + "\", \"percentOff\": 10, "
                + "\"validUntil\": \"2030-01-01T00:00:00Z\\u0000\"}"), "validUntil");
    }

    @Test
    void aNumberSentAsTextOrAnOverLongNumberIsRefused() {
        badField(api.post(Api.OWNER, "/bookings/" + bookingId + "/participants", "{\"participants\": \"2\"}"),
                "participants");
        badField(api.post(Api.OWNER, "/bookings/" + bookingId + "/participants",
                "{\"participants\": 1e10000000}"), "participants");
        Api.Response tooLong = problem(api.post(Api.OWNER, "/bookings/" + bookingId + "/participants",
                "{\"participants\": " + "1".repeat(500) + "}"), 400);
        assertThat(tooLong.text("detail")).contains("longer than");
    }

    // ---- JSON documents ---------------------------------------------------------------------------------------

    @Test
    void aBodyNestedPastTheParsersDepthIsRefusedSayingSo() {
        // the refusal used to say "a number that is longer than 100 characters" (found by HostileInputTest)
        String deep = "[".repeat(2000) + "]".repeat(2000);
        Api.Response unknownKey = problem(api.post(Api.BOOKER, "/bookings/" + bookingId + "/cancel",
                "{\"x\": " + deep + ", \"reason\": \"moved\"}"), 400);
        assertThat(unknownKey.text("detail")).contains("deeper than 1000").doesNotContain("number");
    }

    @Test
    void aDuplicateKeyIsRefusedNamingTheKey() {
        // the issue's confirmation: with the last value winning this would have canceled at revision 1
        Api.Response duplicate = badField(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel",
                "{\"expectedRevision\":999,\"expectedRevision\":1}"), "expectedRevision");
        assertThat(duplicate.text("detail")).contains("more than once");

        String booking = RawHttp.write(Api.booking(session, "IN_PERSON"))
                .replace("\"firstName\":\"Ada\"", "\"firstName\":\"Ada\",\"firstName\":\"Eve\"");
        assertThat(booking).contains("\"firstName\":\"Eve\"");
        badField(api.post(Api.BOOKER, "/bookings", booking), "contact.firstName");

        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String sessions = "{\"sessions\":[{\"start\":\"" + start + "\",\"end\":\"" + start.plusSeconds(3600)
                + "\"},{\"start\":\"" + start + "\",\"end\":\"" + start.plusSeconds(60) + "\",\"end\":\""
                + start.plusSeconds(3600) + "\"}]}";
        String service = RawHttp.write(service("svc-" + UUID.randomUUID()));
        badField(api.post(Api.OWNER, "/services", service.substring(0, service.length() - 1) + ","
                + sessions.substring(1)), "sessions[1].end");
    }

    @Test
    void contentAfterTheDocumentIsRefused() {
        for (String trailer : new String[]{" {}", " x", "{\"expectedRevision\":2}", " []", " 1", " \"a\""}) {
            problem(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", "{\"reason\":\"moved\"}" + trailer),
                    400);
        }
        Api.Response booking = problem(api.post(Api.BOOKER, "/bookings",
                RawHttp.write(Api.booking(session, "IN_PERSON")) + " {}"), 400);
        assertThat(booking.text("detail")).contains("nothing after");
    }

    // ---- text -------------------------------------------------------------------------------------------------

    @Test
    void controlCharactersAndHalfCharactersInTextAreRefusedNamingTheField() {
        for (String bad : new String[]{"\\u0000", "\\u001b[2J", "\\u0007", "\\ud800", "\\udc00x", "a\\nb", "\\u0085"}) {
            String name = "Yoga " + bad;
            String service = RawHttp.write(service("svc-" + UUID.randomUUID()))
                    .replace("\"name\":\"Yoga\"", "\"name\":\"" + name + "\"");
            badField(api.post(Api.OWNER, "/services", service), "name");

            String booking = RawHttp.write(Api.booking(session, "IN_PERSON"))
                    .replace("\"firstName\":\"Ada\"", "\"firstName\":\"Ada" + bad + "\"");
            badField(api.post(Api.BOOKER, "/bookings", booking), "contact.firstName");

            badField(api.post(Api.OWNER, "/bookings/" + bookingId + "/decline",
                    "{\"reason\":\"" + bad + "\"}"), "reason");
            badField(api.post(Api.OWNER, "/members/c-1/plans", "{\"name\":\"Ten " + bad + "\",\"credits\":10,"
                    + "\"serviceIds\":[\"" + session.serviceId() + "\"]}"), "name");
        }
        Map<String, Object> form = Api.booking(session, "IN_PERSON");
        form.put("formInfo", Map.of("note", "bell\u0007"));
        badField(api.post(Api.BOOKER, "/bookings", form), "formInfo.note");
        form.put("formInfo", Map.of("no\u0000te", "x"));
        badField(api.post(Api.BOOKER, "/bookings", form), "formInfo");
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedAlsoWhereItsBytesSpellACharacterTheLongWay() {
        // Jackson's own decoder read C0 AF as '/' and C0 80 as NUL (found by HostileInputTest)
        for (String bytes : new String[]{"c0af", "e080af", "c080", "ff", "eda080"}) {
            Api.Response answer = postBytes(Api.BOOKER, "/bookings", RawHttp.write(Api.booking(session, "IN_PERSON"))
                    .replace("\"Ada\"", "\"Ada@@\""), java.util.HexFormat.of().parseHex(bytes));
            problem(answer, 400);
        }
        Api.Response overlong = postBytes(Api.OWNER, "/bookings/" + bookingId + "/decline",
                "{\"reason\": \"a@@b\"}", new byte[]{(byte) 0xC0, (byte) 0xAF});
        assertThat(problem(overlong, 400).text("detail")).contains("UTF-8");
    }

    @Test
    void textOverItsDocumentedLengthIsRefused() {
        Map<String, Object> name = service("svc-" + UUID.randomUUID());
        name.put("name", "x".repeat(201));
        badField(api.post(Api.OWNER, "/services", name), "name");
        Map<String, Object> location = service("svc-" + UUID.randomUUID());
        location.put("location", "x".repeat(501));
        badField(api.post(Api.OWNER, "/services", location), "location");
        badField(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of("reason", "x".repeat(501))),
                "reason");
        Map<String, Object> formField = service("svc-" + UUID.randomUUID());
        formField.put("formFields", List.of(Map.of("name", "x".repeat(101), "required", false)));
        badField(api.post(Api.OWNER, "/services", formField), "formFields[0].name");

        // at the limit it is accepted and reads back unchanged, a character beyond the BMP included
        Map<String, Object> longest = service("svc-" + UUID.randomUUID());
        String longestName = "\uD83E\uDDD8" + "y".repeat(198);
        longest.put("name", longestName);
        ok(api.post(Api.OWNER, "/services", longest), 201);
        assertThat(ok(api.get(Api.OWNER, "/services/" + longest.get("serviceId")), 200).text("name"))
                .isEqualTo(longestName);
        eventsBefore = eventCount();
    }

    @Test
    void aPathIdThatIsNotPlainTextIsRefused() {
        badField(api.post(Api.OWNER, "/bookings/%07" + bookingId + "/cancel", Map.of()), "bookingId");
        badField(api.post(Api.OWNER, "/members/c%1B1/plans", Map.of("name", "Ten", "credits", 10,
                "serviceIds", List.of(session.serviceId()))), "contactId");
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        badField(api.post(Api.OWNER, "/services/" + "s".repeat(101) + "/sessions",
                Map.of("start", start.toString(), "end", start.plusSeconds(3600).toString())), "serviceId");
    }

    // ---- dates ------------------------------------------------------------------------------------------------

    @Test
    void sessionDatesOutsideTheYears2000To2200AreRefused() {
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (String[] times : new String[][]{{"0000-01-01T10:00:00Z", start.toString()},
                {"1999-12-31T23:59:59Z", start.toString()}}) {
            Map<String, Object> body = service("svc-" + UUID.randomUUID());
            body.put("sessions", List.of(Map.of("start", times[0], "end", times[1])));
            badField(api.post(Api.OWNER, "/services", body), "sessions[0].start");
            problem(api.get(Api.OWNER, "/services/" + body.get("serviceId")), 404);
        }
        Map<String, Object> farEnd = service("svc-" + UUID.randomUUID());
        farEnd.put("sessions", List.of(Map.of("start", start.toString(), "end", "+99999-01-01T00:00:00Z")));
        badField(api.post(Api.OWNER, "/services", farEnd), "sessions[0].end");

        String sessions = "/services/" + session.serviceId() + "/sessions";
        badField(api.post(Api.OWNER, sessions, Map.of("start", "0000-01-01T10:00:00Z", "end", start.toString())),
                "start");
        badField(api.post(Api.OWNER, sessions, Map.of("start", start.toString(), "end", "2201-01-01T00:00:00Z")),
                "end");
        badField(api.post(Api.OWNER, sessions, Map.of("weekly", Map.of("days", List.of("MONDAY"), "start", "09:00",
                "end", "10:00", "from", "2030-01-01", "until", "+99999-12-31"))), "weekly.until");
        badField(api.post(Api.OWNER, sessions, Map.of("weekly", Map.of("days", List.of("MONDAY"), "start", "09:00",
                "end", "10:00", "from", "0000-01-01", "until", "2030-01-01"))), "weekly.from");
    }

    @Test
    void otherDatesOutsideTheRangeOrAsEpochNumbersAreRefused() {
        badField(api.post(Api.OWNER, "/coupons", Map.of("code", code(), "percentOff", 10,
                "validUntil", "+99999-01-01T00:00:00Z")), "validUntil");
        badField(api.post(Api.OWNER, "/bookings/" + bookingId + "/reschedule",
                Map.of("start", "0000-01-01T10:00:00Z", "end", "2030-01-01T11:00:00Z")), "start");
        Map<String, Object> appointment = Api.booking(session, "IN_PERSON");
        appointment.remove("sessionId");
        appointment.put("start", "0000-01-01T10:00:00Z");
        appointment.put("end", "2030-01-01T10:30:00Z");
        badField(api.post(Api.BOOKER, "/bookings", appointment), "start");

        // an epoch number is not a date: Jackson would read 1e10000000 as 1970-01-01
        String sessions = "/services/" + session.serviceId() + "/sessions";
        badField(api.post(Api.OWNER, sessions, "{\"start\": 1e10000000, \"end\": \"2030-01-01T10:00:00Z\"}"),
                "start");
        badField(api.post(Api.OWNER, sessions, "{\"start\": 1900000000, \"end\": \"2030-01-01T10:00:00Z\"}"),
                "start");
    }

    // ---- revisions --------------------------------------------------------------------------------------------

    @Test
    void aStaleIfMatchOnATransitionAlreadyDoneIsAConflict() {
        // given a booking canceled at revision 2
        Api.ClassFixture other = api.createClass(2, Map.of());
        String id = ok(api.post(Api.BOOKER, "/bookings", Api.booking(other, "IN_PERSON")), 201).text("bookingId");
        ok(api.send(Api.OWNER, "POST", "/bookings/" + id + "/cancel", Map.of(), Map.of("If-Match", "\"1\"")), 200);
        eventsBefore = eventCount();

        // when the cancel is repeated with the revision read before it, then 409 revision
        conflict(api.send(Api.OWNER, "POST", "/bookings/" + id + "/cancel", Map.of(), Map.of("If-Match", "\"1\"")),
                "revision");
        conflict(api.post(Api.OWNER, "/bookings/" + id + "/cancel", Map.of("expectedRevision", 1)), "revision");

        // and with the current revision, or none, it is the harmless repeat it always was
        assertThat(ok(api.send(Api.OWNER, "POST", "/bookings/" + id + "/cancel", Map.of(),
                Map.of("If-Match", "\"2\"")), 200).text("status")).isEqualTo("CANCELED");
        ok(api.post(Api.OWNER, "/bookings/" + id + "/cancel", Map.of()), 200);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /**
     * How many events the store holds, read page by page through GET /events: every one must read back. Events of
     * the actor {@code system} (a checkout of another class expiring on the shared engine) are not counted.
     */
    private static long eventCount() {
        long count = 0;
        Long after = null;
        while (true) {
            Api.Response page = api.get(Api.AUDITOR, "/events?limit=1000" + (after == null ? "" : "&after=" + after));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode events = page.body().path("events");
            if (events.isEmpty()) {
                return count;
            }
            for (JsonNode event : events) {
                count += event.path("metadata").path("actor").asText().equals("system") ? 0 : 1;
            }
            after = page.body().path("next").asLong();
        }
    }

    /** POSTs {@code json} with {@code bytes} in place of its {@code @@}, as they are: no client would send them. */
    private static Api.Response postBytes(String key, String path, String json, byte[] bytes) {
        int at = json.indexOf("@@");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(json.substring(at + 2).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = raw.send(raw.request("/api/v1" + path)
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                RawHttp.json(response));
    }

    private static void refusedService(Map<String, Object> price, String field) {
        Map<String, Object> body = service("svc-" + UUID.randomUUID());
        body.put("price", price);
        badField(api.post(Api.OWNER, "/services", body), field);
        problem(api.get(Api.OWNER, "/services/" + body.get("serviceId")), 404);
    }

    private static void refusedCoupon(Map<String, Object> amountOff, String field) {
        badField(api.post(Api.OWNER, "/coupons", Map.of("code", code(), "amountOff", amountOff)), field);
    }

    private static String code() {
        return "C-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid create-service body without sessions. */
    private static Map<String, Object> service(String serviceId) {
        return new HashMap<>(Map.of("serviceId", serviceId, "name", "Yoga", "type", "CLASS",
                "timeZone", "Europe/Berlin", "price", Map.of("amount", "20.00", "currency", "EUR"),
                "paymentOptions", List.of("IN_PERSON", "ONLINE"), "capacity", 4));
    }
}

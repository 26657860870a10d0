package com.bookingengine.standalone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.bookingengine.standalone.Checks.badField;
import static com.bookingengine.standalone.Checks.conflict;
import static com.bookingengine.standalone.Checks.listed;
import static com.bookingengine.standalone.Checks.ok;
import static com.bookingengine.standalone.Checks.openSpots;
import static com.bookingengine.standalone.Checks.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal is an RFC 9457 problem with a status and a detail, names the field to blame when there is one
 * (SPEC §4 errors), and writes nothing: after each test the shared service still has exactly the one booking
 * and the seats it had before.
 */
class ErrorsApiTest extends EngineTest {

    private static final int CAPACITY = 5;
    private static final int MAX_BODY_BYTES = 65536;

    /** The service most rejected bookings aim at: it holds one booking, so one of its seats is taken. */
    private static Api.ClassFixture target;

    @BeforeAll
    static void given() {
        target = api.createClass(CAPACITY, Map.of());
        ok(api.post(Api.BOOKER, "/bookings", Api.booking(target, "IN_PERSON")), 201);
    }

    @AfterEach
    void noRejectedCommandWroteAnything() {
        assertThat(listed(api, target.serviceId())).isEqualTo(1);
        assertThat(openSpots(api, target)).isEqualTo(CAPACITY - 1);
    }

    @Test
    void malformedJsonIsABadRequest() {
        problem(api.post(Api.BOOKER, "/bookings", "{\"serviceId\": \"" + target.serviceId() + "\", "), 400);
        problem(api.post(Api.BOOKER, "/bookings", "not json at all"), 400);
    }

    @Test
    void aMissingBodyIsABadRequest() {
        Api.Response response = problem(api.send(Api.BOOKER, "POST", "/bookings", null,
                Map.of("Content-Type", "application/json")), 400);
        assertThat(response.text("detail")).containsIgnoringCase("body");
        problem(api.post(Api.BOOKER, "/bookings", null), 400);
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        Map<String, Object> noFirstName = Api.booking(target, "IN_PERSON");
        noFirstName.put("contact", Map.of("lastName", "Lovelace", "email", "ada@example.com"));
        badField(api.post(Api.BOOKER, "/bookings", noFirstName), "contact.firstName");

        Map<String, Object> noPayment = Api.booking(target, "IN_PERSON");
        noPayment.remove("payment");
        badField(api.post(Api.BOOKER, "/bookings", noPayment), "payment");
    }

    @Test
    void aValueOfTheWrongTypeIsNamed() {
        Map<String, Object> body = Api.booking(target, "IN_PERSON");
        body.put("participants", "x");
        Api.Response response = badField(api.post(Api.BOOKER, "/bookings", body), "participants");
        assertThat(response.text("detail")).contains("participants");
    }

    @Test
    void anUnknownPaymentOptionIsNamedWithTheAllowedValues() {
        Map<String, Object> body = Api.booking(target, "IN_PERSON");
        body.put("payment", Map.of("option", "CASH"));
        Api.Response response = badField(api.post(Api.BOOKER, "/bookings", body), "payment.option");
        assertThat(response.text("detail")).contains("CASH", "ONLINE", "IN_PERSON", "MEMBERSHIP");
    }

    @Test
    void anUnknownServiceOrSessionIsNamed() {
        Map<String, Object> unknownService = Api.booking(target, "IN_PERSON");
        unknownService.put("serviceId", "svc-" + UUID.randomUUID());
        badField(api.post(Api.BOOKER, "/bookings", unknownService), "serviceId");

        Map<String, Object> unknownSession = Api.booking(target, "IN_PERSON");
        unknownSession.put("sessionId", "ses-" + UUID.randomUUID());
        badField(api.post(Api.BOOKER, "/bookings", unknownSession), "sessionId");
    }

    @Test
    void aSessionOfAnotherServiceIsNamed() {
        Api.ClassFixture other = api.createClass(2, Map.of());
        Map<String, Object> body = Api.booking(target, "IN_PERSON");
        body.put("sessionId", other.sessionId());
        badField(api.post(Api.BOOKER, "/bookings", body), "sessionId");
        assertThat(openSpots(api, other)).isEqualTo(2);
    }

    @Test
    void moreParticipantsThanThePolicyAllowsIsABadRequest() {
        // given a service whose bookings bring at most 2 participants
        Api.ClassFixture session = api.createClass(10, Map.of("policy", Map.of("maxParticipantsPerBooking", 2)));
        Map<String, Object> body = Api.booking(session, "IN_PERSON");
        body.put("participants", 3);

        // when 3 are booked, then 400 names participants and no seat is taken
        badField(api.post(Api.BOOKER, "/bookings", body), "participants");
        assertThat(listed(api, session.serviceId())).isZero();
        assertThat(openSpots(api, session)).isEqualTo(10);
        body.put("participants", 2);
        ok(api.post(Api.BOOKER, "/bookings", body), 201);
    }

    @Test
    void aPaymentOptionTheServiceDoesNotAcceptIsNamed() {
        Api.ClassFixture session = api.createClass(3, Map.of("paymentOptions", List.of("IN_PERSON")));
        badField(api.post(Api.BOOKER, "/bookings", Api.booking(session, "ONLINE")), "payment.option");
        assertThat(listed(api, session.serviceId())).isZero();
        assertThat(openSpots(api, session)).isEqualTo(3);
    }

    @Test
    void aRequiredFormFieldIsNamed() {
        // given a service that requires a phone in the booking form
        Api.ClassFixture session = api.createClass(3,
                Map.of("formFields", List.of(Map.of("name", "phone", "required", true))));
        Map<String, Object> body = Api.booking(session, "IN_PERSON");

        // when the form is left out or blank, then 400 names formInfo.phone and nothing is booked
        badField(api.post(Api.BOOKER, "/bookings", body), "formInfo.phone");
        body.put("formInfo", Map.of("phone", " "));
        badField(api.post(Api.BOOKER, "/bookings", body), "formInfo.phone");
        assertThat(listed(api, session.serviceId())).isZero();
        assertThat(openSpots(api, session)).isEqualTo(3);

        // and once it is filled in the booking is made
        body.put("formInfo", Map.of("phone", "+49 30 123456"));
        ok(api.post(Api.BOOKER, "/bookings", body), 201);
    }

    @Test
    void anUnknownBookingIsNotFound() {
        String unknown = UUID.randomUUID().toString();
        problem(api.get(Api.OWNER, "/bookings/" + unknown), 404);
        problem(api.post(Api.OWNER, "/bookings/" + unknown + "/cancel", Map.of()), 404);
        problem(api.post(Api.OWNER, "/bookings/" + unknown + "/confirm", Map.of()), 404);
        problem(api.post(Api.PAYMENTS, "/bookings/" + unknown + "/payment-approved",
                Map.of("transactionId", "tx-1")), 404);
        problem(api.get(Api.OWNER, "/bookings/" + unknown), 404);
    }

    @Test
    void anUnknownServiceIsNotFound() {
        String unknown = "svc-" + UUID.randomUUID();
        problem(api.get(Api.OWNER, "/services/" + unknown), 404);
        Instant now = Instant.now();
        problem(api.get(Api.OWNER, "/availability?serviceId=" + unknown + "&from=" + now
                + "&to=" + now.plus(30, ChronoUnit.DAYS)), 404);
    }

    @Test
    void aBodyOverTheLimitWithAContentLengthIsRefusedAs413() {
        // given a booking body just over 64 KiB, its length declared
        String bookingId = UUID.randomUUID().toString();
        String body = oversizedBooking(bookingId);
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(MAX_BODY_BYTES);

        // when it is sent, then 413 and no booking exists
        problem(api.post(Api.BOOKER, "/bookings", body), 413);
        problem(api.get(Api.OWNER, "/bookings/" + bookingId), 404);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedAs413() {
        // given the same oversized body, sent chunked: no length is declared up front
        String bookingId = UUID.randomUUID().toString();
        byte[] body = oversizedBooking(bookingId).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = raw.request("/api/v1/bookings")
                .header("Authorization", "Bearer " + Api.BOOKER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        // when it is sent, then 413 as problem+json and no booking exists
        HttpResponse<String> response = raw.send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(RawHttp.json(response).path("detail").asText()).isNotBlank();
        problem(api.get(Api.OWNER, "/bookings/" + bookingId), 404);
    }

    @Test
    void listParametersOutOfRangeAreNamed() {
        badField(api.get(Api.OWNER, "/bookings?size=500"), "size");
        badField(api.get(Api.OWNER, "/bookings?sort=nope"), "sort");
        badField(api.get(Api.OWNER, "/bookings?status=FOO"), "status");
        badField(api.get(Api.OWNER, "/bookings?page=-1"), "page");
        // rows to skip beyond the range the database counts in: no overflow, no 500
        badField(api.get(Api.OWNER, "/bookings?page=2147483647&size=200"), "page");
        badField(api.get(Api.OWNER, "/bookings?page=10737418&size=200"), "page");
        assertThat(ok(api.get(Api.OWNER, "/bookings?page=10737417&size=200"), 200).body().path("items")).isEmpty();
        // a sort without a key or with an empty or unknown direction
        badField(api.get(Api.OWNER, "/bookings?sort=,"), "sort");
        badField(api.get(Api.OWNER, "/bookings?sort=start,"), "sort");
        badField(api.get(Api.OWNER, "/bookings?sort=start,up"), "sort");
        badField(api.get(Api.OWNER, "/bookings?sort=start,desc,asc"), "sort");
        badField(api.get(Api.AUDITOR, "/events?after=-1"), "after");
    }

    @Test
    void aWildcardContentTypeIs415AndAnAcceptThatDoesNotParseIsA400Problem() {
        // Spring failed with a 500 reading a body of type */*, and could write no refusal for Accept: nonsense
        for (String type : List.of("*/*", "application/*")) {
            HttpResponse<String> answer = raw.send(raw.request("/api/v1/bookings")
                    .header("Authorization", "Bearer " + Api.BOOKER).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(415);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("application/problem+json"));
            assertThat(RawHttp.json(answer).path("detail").asText()).contains("Content-Type");
        }
        Api.Response accept = problem(api.send(Api.OWNER, "GET", "/bookings?page=-1", null,
                Map.of("Accept", "nonsense")), 400);
        assertThat(accept.text("field")).isEqualTo("Accept");
    }

    @Test
    void availabilityOutsideTheCalendarIsRefusedNamingTheBound() {
        // an appointment's slots at the ends of Instant's range overflowed into a 500
        Api.AppointmentFixture appointments = api.createAppointmentService("Europe/Berlin",
                List.of(Api.hours(java.time.DayOfWeek.MONDAY, "09:00", "12:00")), 30, Map.of());
        badField(api.get(Api.OWNER, "/availability?serviceId=" + appointments.serviceId()
                + "&from=-1000000000-01-01T00:00:00Z&to=-1000000000-01-02T00:00:00Z"), "from");
        badField(api.get(Api.OWNER, "/availability?serviceId=" + target.serviceId()
                + "&from=2200-12-31T00:00:00Z&to=%2B1000000000-01-01T00:00:00Z"), "to");
        badField(api.post(Api.OWNER, "/availability/check", Map.of("serviceId", appointments.serviceId(),
                "start", "+1000000000-12-31T23:59:59Z", "end", "2030-01-07T09:30:00Z")), "start");
    }

    @Test
    void aServiceWithAnUnknownTimeZoneIsRefused() {
        Map<String, Object> body = service("svc-" + UUID.randomUUID());
        body.put("timeZone", "Mars/Olympus_Mons");
        badField(api.post(Api.OWNER, "/services", body), "timeZone");
        problem(api.get(Api.OWNER, "/services/" + body.get("serviceId")), 404);
    }

    @Test
    void aServiceWithANegativePriceOrUnknownCurrencyIsRefused() {
        Map<String, Object> negative = service("svc-" + UUID.randomUUID());
        negative.put("price", Map.of("amount", "-1.00", "currency", "EUR"));
        badField(api.post(Api.OWNER, "/services", negative), "price");
        problem(api.get(Api.OWNER, "/services/" + negative.get("serviceId")), 404);

        Map<String, Object> currency = service("svc-" + UUID.randomUUID());
        currency.put("price", Map.of("amount", "20.00", "currency", "EURO"));
        problem(api.post(Api.OWNER, "/services", currency), 400);
        problem(api.get(Api.OWNER, "/services/" + currency.get("serviceId")), 404);
    }

    @Test
    void aServiceWithASessionEndingBeforeItStartsIsNotHalfWritten() {
        // given a new service whose second session ends before it starts
        String serviceId = "svc-" + UUID.randomUUID();
        Map<String, Object> body = service(serviceId);
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        body.put("sessions", List.of(
                Map.of("start", start.toString(), "end", start.plus(1, ChronoUnit.HOURS).toString()),
                Map.of("start", start.toString(), "end", start.minus(1, ChronoUnit.HOURS).toString())));

        // when it is created, then 400 names the session's end
        badField(api.post(Api.OWNER, "/services", body), "sessions[1].end");

        // and neither the service nor its first session exist: the same id can be created afresh
        problem(api.get(Api.OWNER, "/services/" + serviceId), 404);
        body.put("sessions", List.of(
                Map.of("start", start.toString(), "end", start.plus(1, ChronoUnit.HOURS).toString())));
        Api.Response created = ok(api.post(Api.OWNER, "/services", body), 201);
        assertThat(created.text("serviceId")).isEqualTo(serviceId);
        Api.Response service = ok(api.get(Api.OWNER, "/services/" + serviceId), 200);
        assertThat(service.body().path("sessions")).hasSize(1);
    }

    @Test
    void theFirstSessionEndingBeforeItStartsIsNamed() {
        String serviceId = "svc-" + UUID.randomUUID();
        Map<String, Object> body = service(serviceId);
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        body.put("sessions", List.of(Map.of("start", start.toString(), "end", start.minusSeconds(60).toString())));
        badField(api.post(Api.OWNER, "/services", body), "sessions[0].end");
        problem(api.get(Api.OWNER, "/services/" + serviceId), 404);
    }

    @Test
    void aDuplicateServiceIdIsAConflict() {
        Map<String, Object> body = service("svc-" + UUID.randomUUID());
        ok(api.post(Api.OWNER, "/services", body), 201);
        body.put("name", "Pilates");
        conflict(api.post(Api.OWNER, "/services", body), "duplicate");
        assertThat(api.get(Api.OWNER, "/services/" + body.get("serviceId")).text("name")).isEqualTo("Yoga");
    }

    @Test
    void addingASessionToAnUnknownServiceIsNotFound() {
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        problem(api.post(Api.OWNER, "/services/svc-" + UUID.randomUUID() + "/sessions",
                Map.of("start", start.toString(), "end", start.plus(1, ChronoUnit.HOURS).toString())), 404);
    }

    @Test
    void badSchedulesOfAppointmentsAndCoursesAreRejectedNamingTheField() {
        Map<String, Object> body = service("svc-" + UUID.randomUUID());
        body.put("type", "APPOINTMENT");
        body.remove("capacity");
        badField(api.post(Api.OWNER, "/services", body), "workingHours"); // an appointment needs working hours
        body.put("workingHours", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "12:00"),
                Map.of("day", "MONDAY", "start", "11:00", "end", "13:00")));
        badField(api.post(Api.OWNER, "/services", body), "workingHours"); // overlapping hours
        body.put("workingHours", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "12:00")));
        body.put("capacity", 2);
        badField(api.post(Api.OWNER, "/services", body), "capacity"); // one provider
        body.remove("capacity");
        body.put("slotMinutes", 2);
        badField(api.post(Api.OWNER, "/services", body), "slotMinutes");
        problem(api.get(Api.OWNER, "/services/" + body.get("serviceId")), 404);

        Map<String, Object> course = service("svc-" + UUID.randomUUID());
        course.put("type", "COURSE");
        badField(api.post(Api.OWNER, "/services", course), "sessions"); // a course comes with its sessions
        course.put("workingHours", List.of(Map.of("day", "MONDAY", "start", "09:00", "end", "12:00")));
        badField(api.post(Api.OWNER, "/services", course), "workingHours");
        problem(api.get(Api.OWNER, "/services/" + course.get("serviceId")), 404);
    }

    /** A valid create-service body without sessions. */
    private static Map<String, Object> service(String serviceId) {
        return new HashMap<>(Map.of("serviceId", serviceId, "name", "Yoga", "type", "CLASS",
                "timeZone", "Europe/Berlin", "price", Map.of("amount", "20.00", "currency", "EUR"),
                "paymentOptions", List.of("IN_PERSON", "ONLINE"), "capacity", 4));
    }

    /** A valid booking of the target session, but with an address so long that the body exceeds the limit. */
    private static String oversizedBooking(String bookingId) {
        Map<String, Object> body = Api.booking(target, "IN_PERSON");
        body.put("bookingId", bookingId);
        body.put("contact", Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.com",
                "address", "x".repeat(MAX_BODY_BYTES + 1000)));
        return RawHttp.write(body);
    }
}

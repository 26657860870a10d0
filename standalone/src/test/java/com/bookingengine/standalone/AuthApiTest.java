package com.bookingengine.standalone;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.bookingengine.standalone.Checks.listed;
import static com.bookingengine.standalone.Checks.ok;
import static com.bookingengine.standalone.Checks.openSpots;
import static com.bookingengine.standalone.Checks.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what (SPEC §4 roles): every call needs a known {@code Bearer} key (401 otherwise), each role
 * reaches only its endpoints (403 otherwise), and a refused call changes nothing.
 */
class AuthApiTest extends EngineTest {

    @Test
    void aCallWithoutAKnownBearerKeyIsUnauthorizedAndBooksNothing() {
        // given a class with free seats
        Api.ClassFixture session = api.createClass(2, Map.of());
        Map<String, Object> booking = Api.booking(session, "IN_PERSON");

        // when calls come without a key, with an unknown key, or with another scheme, then 401 each time
        problem(api.get(null, "/services"), 401);
        problem(api.post(null, "/bookings", booking), 401);
        problem(api.get("not-a-key", "/services"), 401);
        problem(api.post("not-a-key", "/bookings", booking), 401);
        problem(api.send(null, "GET", "/services", null, Map.of("Authorization", "Basic xyz")), 401);
        problem(api.send(null, "POST", "/bookings", booking, Map.of("Authorization", "Basic ZGV2LW93bmVyOg==")), 401);

        // and nothing was booked
        assertThat(listed(api, session.serviceId())).isZero();
        assertThat(openSpots(api, session)).isEqualTo(2);
    }

    @Test
    void healthIsReachableWithoutAKey() {
        HttpResponse<String> health = raw.send(raw.request("/actuator/health"));
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(RawHttp.json(health).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void aBookerCannotConfirmDeclineOrMarkPaidAndTheBookingStaysAsItWas() {
        // given a booking awaiting approval and a confirmed in-person booking
        Api.ClassFixture approval = api.createClass(3, Map.of("requiresApproval", true));
        String pending = ok(api.post(Api.BOOKER, "/bookings", Api.booking(approval, "IN_PERSON")), 201)
                .text("bookingId");
        String confirmed = ok(api.post(Api.BOOKER, "/bookings",
                Api.booking(api.createClass(3, Map.of()), "IN_PERSON")), 201).text("bookingId");

        // when the booker tries the owner's transitions, then 403 each time
        problem(api.post(Api.BOOKER, "/bookings/" + pending + "/confirm", Map.of()), 403);
        problem(api.post(Api.BOOKER, "/bookings/" + pending + "/decline", Map.of()), 403);
        problem(api.post(Api.BOOKER, "/bookings/" + confirmed + "/mark-paid", Map.of()), 403);

        // and both bookings are as they were, and the booker may read them
        Api.Response stillPending = ok(api.get(Api.BOOKER, "/bookings/" + pending), 200);
        assertThat(stillPending.text("status")).isEqualTo("PENDING");
        assertThat(stillPending.body().path("revision").asLong()).isEqualTo(1);
        Api.Response stillUnpaid = ok(api.get(Api.BOOKER, "/bookings/" + confirmed), 200);
        assertThat(stillUnpaid.text("paymentStatus")).isEqualTo("NOT_PAID");
        assertThat(stillUnpaid.body().path("revision").asLong()).isEqualTo(1);
    }

    @Test
    void aBookerCannotCreateServicesNorListBookingsButReadsItsOwnBooking() {
        // when a booker creates a service, then 403 and the service does not exist
        Map<String, Object> service = service("svc-" + UUID.randomUUID());
        problem(api.post(Api.BOOKER, "/services", service), 403);
        problem(api.get(Api.OWNER, "/services/" + service.get("serviceId")), 404);

        // when a booker lists bookings, then 403
        problem(api.get(Api.BOOKER, "/bookings"), 403);

        // but a booker reads the catalogue and a booking by id
        Api.ClassFixture session = api.createClass(2, Map.of());
        ok(api.get(Api.BOOKER, "/services/" + session.serviceId()), 200);
        String bookingId = ok(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")), 201)
                .text("bookingId");
        assertThat(ok(api.get(Api.BOOKER, "/bookings/" + bookingId), 200).text("bookingId")).isEqualTo(bookingId);
    }

    @Test
    void paymentsApprovesPaymentsButCannotBookOrCancel() {
        // given a class with free seats
        Api.ClassFixture session = api.createClass(2, Map.of());

        // when the payments service creates a booking, then 403 and nothing is booked
        problem(api.post(Api.PAYMENTS, "/bookings", Api.booking(session, "ONLINE")), 403);
        assertThat(listed(api, session.serviceId())).isZero();
        assertThat(openSpots(api, session)).isEqualTo(2);

        // given an online booking awaiting checkout
        String bookingId = ok(api.post(Api.BOOKER, "/bookings", Api.booking(session, "ONLINE")), 201)
                .text("bookingId");

        // when anyone but the payments service approves its payment, then 403 and it is still unpaid
        problem(api.post(Api.BOOKER, "/bookings/" + bookingId + "/payment-approved",
                Map.of("transactionId", "tx-self-approved")), 403);
        problem(api.post(Api.OWNER, "/bookings/" + bookingId + "/payment-approved",
                Map.of("transactionId", "tx-owner")), 403);
        problem(api.post(Api.BOOKER, "/bookings/" + bookingId + "/payment-failed", Map.of()), 403);
        assertThat(api.get(Api.OWNER, "/bookings/" + bookingId).text("status")).isEqualTo("PENDING_CHECKOUT");

        // and the payments service cannot cancel it
        problem(api.post(Api.PAYMENTS, "/bookings/" + bookingId + "/cancel", Map.of()), 403);

        // when the payments service approves it, then it is confirmed and paid
        Api.Response approved = ok(api.post(Api.PAYMENTS, "/bookings/" + bookingId + "/payment-approved",
                Map.of("transactionId", "tx-1")), 200);
        assertThat(approved.text("status")).isEqualTo("CONFIRMED");
        assertThat(approved.text("paymentStatus")).isEqualTo("PAID");
    }

    @Test
    void anAuditorReadsBookingsButCannotWrite() {
        // given a booking
        Api.ClassFixture session = api.createClass(2, Map.of());
        String bookingId = ok(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")), 201)
                .text("bookingId");

        // then the auditor lists and reads it
        Api.Response list = ok(api.get(Api.AUDITOR, "/bookings?serviceId=" + session.serviceId()), 200);
        assertThat(list.body().path("total").asInt()).isEqualTo(1);
        assertThat(list.body().path("items").get(0).path("bookingId").asText()).isEqualTo(bookingId);
        ok(api.get(Api.AUDITOR, "/bookings/" + bookingId), 200);

        // but cannot book, cancel or create services
        problem(api.post(Api.AUDITOR, "/bookings", Api.booking(session, "IN_PERSON")), 403);
        problem(api.post(Api.AUDITOR, "/bookings/" + bookingId + "/cancel", Map.of()), 403);
        problem(api.post(Api.AUDITOR, "/services", service("svc-" + UUID.randomUUID())), 403);
        assertThat(listed(api, session.serviceId())).isEqualTo(1);
        assertThat(openSpots(api, session)).isEqualTo(1);
        assertThat(api.get(Api.OWNER, "/bookings/" + bookingId).text("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void anOperatorCannotBookNorTouchBookings() {
        Api.ClassFixture session = api.createClass(2, Map.of());
        problem(api.post(Api.OPERATOR, "/bookings", Api.booking(session, "IN_PERSON")), 403);
        problem(api.post(Api.OPERATOR, "/services", service("svc-" + UUID.randomUUID())), 403);
        problem(api.get(Api.OPERATOR, "/bookings"), 403);
        assertThat(listed(api, session.serviceId())).isZero();
        assertThat(openSpots(api, session)).isEqualTo(2);
    }

    @Test
    void theOwnerRunsTheCatalogueAndTheBookings() {
        // the owner creates a service that needs approval and adds a session to it
        String serviceId = "svc-" + UUID.randomUUID();
        Map<String, Object> service = service(serviceId);
        service.put("requiresApproval", true);
        ok(api.post(Api.OWNER, "/services", service), 201);
        Instant start = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Api.Response added = ok(api.post(Api.OWNER, "/services/" + serviceId + "/sessions",
                Map.of("start", start.toString(), "end", start.plus(1, ChronoUnit.HOURS).toString())), 201);
        Api.ClassFixture session = new Api.ClassFixture(serviceId, added.body().path("sessionIds").get(0).asText(),
                start);

        // books on a customer's behalf, confirms, marks paid, lists and cancels
        String bookingId = ok(api.post(Api.OWNER, "/bookings", Api.booking(session, "IN_PERSON")), 201)
                .text("bookingId");
        assertThat(ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/confirm", Map.of()), 200).text("status"))
                .isEqualTo("CONFIRMED");
        assertThat(ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/mark-paid", Map.of()), 200)
                .text("paymentStatus")).isEqualTo("PAID");
        assertThat(listed(api, serviceId)).isEqualTo(1);
        assertThat(ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of()), 200).text("status"))
                .isEqualTo("CANCELED");
        assertThat(openSpots(api, session)).isEqualTo(4);
    }

    private static Map<String, Object> service(String serviceId) {
        return new HashMap<>(Map.of("serviceId", serviceId, "name", "Yoga", "type", "CLASS",
                "timeZone", "Europe/Berlin", "price", Map.of("amount", "20.00", "currency", "EUR"),
                "paymentOptions", List.of("IN_PERSON", "ONLINE"), "capacity", 4));
    }

    @Test
    void theRoleIsCheckedBeforeTheRequestIsReadSoAnInvalidBodyTellsAnOutsiderNothing() {
        // given keys without the role, sending bodies that would be invalid for anyone
        Api.Response service = api.post(Api.BOOKER, "/services", Map.of("name", ""));
        Api.Response booking = api.post(Api.PAYMENTS, "/bookings", Map.of("participants", "many"));
        Api.Response listing = api.get(Api.BOOKER, "/bookings?status=NOPE");

        // then each is refused for its role, not judged on its content
        assertThat(service.status()).isEqualTo(403);
        assertThat(booking.status()).isEqualTo(403);
        assertThat(listing.status()).isEqualTo(403);
        assertThat(service.contentType()).startsWith("application/problem+json");
        assertThat(service.body().has("field")).isFalse();
    }
}

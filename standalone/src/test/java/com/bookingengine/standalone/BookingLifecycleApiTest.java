package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static com.bookingengine.standalone.Checks.conflict;
import static com.bookingengine.standalone.Checks.ok;
import static com.bookingengine.standalone.Checks.openSpots;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A booking's whole life over HTTP (SPEC §3 transitions, §4 shapes): create, read, pay, approve, decline, cancel,
 * and every refused transition answered with 409 naming the current status, leaving the booking as it was.
 */
class BookingLifecycleApiTest extends EngineTest {

    @Test
    void anInPersonBookingIsConfirmedAtOnceAndReadsBackWithEverySpecField() {
        // given a class at 20.00 EUR a participant
        Api.ClassFixture session = api.createClass(5, Map.of());
        Map<String, Object> body = Api.booking(session, "IN_PERSON");
        body.put("participants", 2);
        body.put("contact", Map.of("contactId", "c-ada", "firstName", "Ada", "lastName", "Lovelace",
                "email", "ada@example.com", "phone", "+44 20 7946 0000", "address", "12 St James's Square"));
        body.put("formInfo", Map.of("note", "window seat"));

        // when it is booked, paying in person
        HttpResponse<String> created = raw.send(raw.post(Api.BOOKER, "/api/v1/bookings", body));

        // then 201 with a Location, the revision as ETag, and the booking's state
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode answer = RawHttp.json(created);
        String bookingId = answer.path("bookingId").asText();
        assertThat(UUID.fromString(bookingId).toString()).isEqualTo(bookingId);
        assertThat(answer.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(answer.path("paymentStatus").asText()).isEqualTo("NOT_PAID");
        assertThat(answer.path("revision").asLong()).isEqualTo(1);
        assertThat(answer.path("finalPrice").path("amount").asText()).isEqualTo("40.00");
        assertThat(answer.path("finalPrice").path("currency").asText()).isEqualTo("EUR");
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/api/v1/bookings/" + bookingId);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");

        // and the Location reads back every field SPEC §4 lists for GET /bookings/{id}
        String path = location.substring(location.indexOf("/api/v1/"));
        HttpResponse<String> read = raw.send(raw.request(path).header("Authorization", "Bearer " + Api.BOOKER));
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode booking = RawHttp.json(read);
        assertThat(booking.path("bookingId").asText()).isEqualTo(bookingId);
        assertThat(booking.path("serviceId").asText()).isEqualTo(session.serviceId());
        assertThat(booking.path("serviceName").asText()).isEqualTo("Yoga");
        assertThat(booking.path("serviceType").asText()).isEqualTo("CLASS");
        assertThat(booking.path("sessionId").asText()).isEqualTo(session.sessionId());
        assertThat(Instant.parse(booking.path("start").asText())).isEqualTo(session.start());
        assertThat(Instant.parse(booking.path("end").asText())).isEqualTo(session.start().plus(1, ChronoUnit.HOURS));
        assertThat(booking.path("participants").asInt()).isEqualTo(2);
        assertThat(booking.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(booking.path("paymentStatus").asText()).isEqualTo("NOT_PAID");
        assertThat(booking.path("waitlisted").isBoolean()).isTrue();
        assertThat(booking.path("waitlisted").asBoolean()).isFalse();
        JsonNode contact = booking.path("contact");
        assertThat(contact.path("contactId").asText()).isEqualTo("c-ada");
        assertThat(contact.path("firstName").asText()).isEqualTo("Ada");
        assertThat(contact.path("lastName").asText()).isEqualTo("Lovelace");
        assertThat(contact.path("email").asText()).isEqualTo("ada@example.com");
        assertThat(contact.path("phone").asText()).isEqualTo("+44 20 7946 0000");
        assertThat(contact.path("address").asText()).isEqualTo("12 St James's Square");
        assertThat(booking.path("formInfo").path("note").asText()).isEqualTo("window seat");
        JsonNode payment = booking.path("payment");
        assertThat(payment.path("option").asText()).isEqualTo("IN_PERSON");
        assertThat(payment.path("price").path("amount").asText()).isEqualTo("40.00");
        assertThat(payment.path("price").path("currency").asText()).isEqualTo("EUR");
        assertThat(payment.path("finalPrice").path("amount").asText()).isEqualTo("40.00");
        assertThat(payment.path("finalPrice").path("currency").asText()).isEqualTo("EUR");
        assertThat(booking.path("revision").asLong()).isEqualTo(1);
        Instant createdAt = Instant.parse(booking.path("createdAt").asText());
        assertThat(createdAt).isBetween(Instant.now().minus(5, ChronoUnit.MINUTES), Instant.now());
        assertThat(Instant.parse(booking.path("updatedAt").asText())).isAfterOrEqualTo(createdAt);
        // and the two seats are taken
        assertThat(openSpots(api, session)).isEqualTo(3);
    }

    @Test
    void theOwnerMarksAnInPersonBookingPaidOnceAndRepeatingItChangesNothing() {
        // given a confirmed in-person booking
        String bookingId = create(api.createClass(3, Map.of()), "IN_PERSON", "CONFIRMED");
        Instant createdAt = Instant.parse(api.get(Api.OWNER, "/bookings/" + bookingId).text("createdAt"));

        // when the owner marks it paid
        Api.Response paid = ok(markPaid(bookingId), 200);

        // then it is paid, one revision later
        assertThat(paid.text("bookingId")).isEqualTo(bookingId);
        assertThat(paid.text("status")).isEqualTo("CONFIRMED");
        assertThat(paid.text("paymentStatus")).isEqualTo("PAID");
        assertThat(paid.body().path("revision").asLong()).isEqualTo(2);

        // when marked paid again, it answers the same state without a new event
        Api.Response again = ok(markPaid(bookingId), 200);
        assertThat(again.text("paymentStatus")).isEqualTo("PAID");
        assertThat(again.body().path("revision").asLong()).isEqualTo(2);
        assertState(bookingId, "CONFIRMED", "PAID", 2);
        // and the read model records when it changed
        Api.Response read = api.get(Api.OWNER, "/bookings/" + bookingId);
        assertThat(Instant.parse(read.text("createdAt"))).isEqualTo(createdAt);
        assertThat(Instant.parse(read.text("updatedAt"))).isAfter(createdAt);
    }

    @Test
    void anApprovedOnlinePaymentConfirmsTheBookingOnceAndRefusesASecondTransaction() {
        // given an online booking awaiting checkout
        Api.ClassFixture session = api.createClass(3, Map.of());
        Api.Response created = ok(api.post(Api.BOOKER, "/bookings", Api.booking(session, "ONLINE")), 201);
        assertThat(created.text("status")).isEqualTo("PENDING_CHECKOUT");
        assertThat(created.text("paymentStatus")).isEqualTo("PENDING");
        assertThat(created.body().path("revision").asLong()).isEqualTo(1);
        String bookingId = created.text("bookingId");
        assertThat(openSpots(api, session)).as("checkout holds the seat").isEqualTo(2);

        // when the payment provider approves transaction tx-1
        Api.Response approved = ok(approve(bookingId, "tx-1"), 200);

        // then it is confirmed and paid
        assertThat(approved.text("status")).isEqualTo("CONFIRMED");
        assertThat(approved.text("paymentStatus")).isEqualTo("PAID");
        assertThat(approved.body().path("revision").asLong()).isEqualTo(2);

        // when the same approval is delivered again, nothing changes
        Api.Response repeated = ok(approve(bookingId, "tx-1"), 200);
        assertThat(repeated.text("status")).isEqualTo("CONFIRMED");
        assertThat(repeated.body().path("revision").asLong()).isEqualTo(2);

        // when another transaction claims to pay it, that is a conflict
        conflict(approve(bookingId, "tx-2"), "status");
        assertState(bookingId, "CONFIRMED", "PAID", 2);
        assertThat(openSpots(api, session)).isEqualTo(2);
    }

    @Test
    void aFailedOnlinePaymentCancelsTheBookingAndFreesItsSeat() {
        // given an online booking holding one of two seats
        Api.ClassFixture session = api.createClass(2, Map.of());
        String bookingId = create(session, "ONLINE", "PENDING_CHECKOUT");
        assertThat(openSpots(api, session)).isEqualTo(1);

        // when the payment fails
        Api.Response failed = ok(api.post(Api.PAYMENTS, "/bookings/" + bookingId + "/payment-failed",
                Map.of("reason", "card declined")), 200);

        // then the booking is canceled, nothing is owed, and the seat is free again
        assertThat(failed.text("status")).isEqualTo("CANCELED");
        assertThat(failed.text("paymentStatus")).isEqualTo("NOT_PAID");
        assertThat(failed.body().path("revision").asLong()).isEqualTo(2);
        assertState(bookingId, "CANCELED", "NOT_PAID", 2);
        assertThat(openSpots(api, session)).isEqualTo(2);
    }

    @Test
    void aBookingThatNeedsApprovalWaitsPendingAndConfirmLeadsToConfirmedOrCheckout() {
        // given a service whose bookings the owner approves
        Api.ClassFixture session = api.createClass(3, Map.of("requiresApproval", true));

        // when an in-person and an online booking are made
        String inPerson = create(session, "IN_PERSON", "PENDING");
        String online = create(session, "ONLINE", "PENDING");

        // then both are pending, unpaid, and hold their seats
        assertState(inPerson, "PENDING", "NOT_PAID", 1);
        assertState(online, "PENDING", "NOT_PAID", 1);
        assertThat(openSpots(api, session)).isEqualTo(1);

        // when the owner confirms them
        Api.Response confirmedInPerson = ok(api.post(Api.OWNER, "/bookings/" + inPerson + "/confirm",
                Map.of("reason", "welcome")), 200);
        Api.Response confirmedOnline = ok(api.post(Api.OWNER, "/bookings/" + online + "/confirm", null), 200);

        // then in person is confirmed, online awaits its payment
        assertThat(confirmedInPerson.text("status")).isEqualTo("CONFIRMED");
        assertThat(confirmedInPerson.text("paymentStatus")).isEqualTo("NOT_PAID");
        assertThat(confirmedInPerson.body().path("revision").asLong()).isEqualTo(2);
        assertThat(confirmedOnline.text("status")).isEqualTo("PENDING_CHECKOUT");
        assertThat(confirmedOnline.text("paymentStatus")).isEqualTo("PENDING");
        assertThat(confirmedOnline.body().path("revision").asLong()).isEqualTo(2);
        assertState(inPerson, "CONFIRMED", "NOT_PAID", 2);
        assertState(online, "PENDING_CHECKOUT", "PENDING", 2);

        // and confirming again is a no-op; the online one is confirmed by its payment
        assertThat(ok(api.post(Api.OWNER, "/bookings/" + inPerson + "/confirm", Map.of()), 200)
                .body().path("revision").asLong()).isEqualTo(2);
        Api.Response paid = ok(approve(online, "tx-approval"), 200);
        assertThat(paid.text("status")).isEqualTo("CONFIRMED");
        assertThat(paid.text("paymentStatus")).isEqualTo("PAID");
        assertThat(openSpots(api, session)).isEqualTo(1);
    }

    @Test
    void aDeclinedBookingGivesItsSeatBackAndDecliningAgainIsANoOp() {
        // given the only seat held by a booking awaiting approval
        Api.ClassFixture session = api.createClass(1, Map.of("requiresApproval", true));
        String bookingId = create(session, "IN_PERSON", "PENDING");
        assertThat(openSpots(api, session)).isZero();
        conflict(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")), "capacity");

        // when the owner declines it
        Api.Response declined = ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/decline",
                Map.of("reason", "private event")), 200);

        // then it is declined and the seat is free for someone else
        assertThat(declined.text("status")).isEqualTo("DECLINED");
        assertThat(declined.body().path("revision").asLong()).isEqualTo(2);
        assertThat(openSpots(api, session)).isEqualTo(1);
        Api.Response again = ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/decline", Map.of()), 200);
        assertThat(again.text("status")).isEqualTo("DECLINED");
        assertThat(again.body().path("revision").asLong()).isEqualTo(2);
        assertState(bookingId, "DECLINED", "NOT_PAID", 2);
        assertThat(openSpots(api, session)).isEqualTo(1);
        create(session, "IN_PERSON", "PENDING");
    }

    @Test
    void anOwnerCancelFreesTheSeatAndCancelingAgainIsANoOp() {
        // given the only seat taken by a confirmed booking
        Api.ClassFixture session = api.createClass(1, Map.of());
        String bookingId = create(session, "IN_PERSON", "CONFIRMED");
        assertThat(openSpots(api, session)).isZero();

        // when the owner cancels it
        Api.Response canceled = ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel",
                Map.of("reason", "teacher ill")), 200);

        // then it is canceled and the seat can be booked again
        assertThat(canceled.text("status")).isEqualTo("CANCELED");
        assertThat(canceled.body().path("revision").asLong()).isEqualTo(2);
        assertThat(openSpots(api, session)).isEqualTo(1);
        Api.Response again = ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of()), 200);
        assertThat(again.text("status")).isEqualTo("CANCELED");
        assertThat(again.body().path("revision").asLong()).isEqualTo(2);
        assertState(bookingId, "CANCELED", "NOT_PAID", 2);
        assertThat(openSpots(api, session)).isEqualTo(1);
        create(session, "IN_PERSON", "CONFIRMED");
        assertThat(openSpots(api, session)).isZero();
    }

    @Test
    void aCustomerMayCancelOutsideTheCancellationWindow() {
        // given a booking a week ahead with no cancellation window
        Api.ClassFixture session = api.createClass(1, Map.of());
        String bookingId = create(session, "IN_PERSON", "CONFIRMED");

        // when the customer cancels, then it is canceled and the seat is free
        Api.Response canceled = ok(api.post(Api.BOOKER, "/bookings/" + bookingId + "/cancel", Map.of()), 200);
        assertThat(canceled.text("status")).isEqualTo("CANCELED");
        assertThat(openSpots(api, session)).isEqualTo(1);
    }

    @Test
    void aCustomerCannotCancelInsideTheCancellationWindowButTheOwnerCan() {
        // given a booking 7 days ahead of a service whose customers cancel at least 14 days ahead
        Api.ClassFixture session = api.createClass(2, Map.of("policy", Map.of("cancellationWindowMinutes", 20160)));
        String bookingId = create(session, "IN_PERSON", "CONFIRMED");

        // when the customer cancels, then it is refused and nothing changes
        conflict(api.post(Api.BOOKER, "/bookings/" + bookingId + "/cancel", Map.of()), "cancellationWindow");
        assertState(bookingId, "CONFIRMED", "NOT_PAID", 1);
        assertThat(openSpots(api, session)).isEqualTo(1);

        // when the owner cancels, then it is canceled and the seat is free
        Api.Response canceled = ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of()), 200);
        assertThat(canceled.text("status")).isEqualTo("CANCELED");
        assertThat(openSpots(api, session)).isEqualTo(2);
    }

    @Test
    void decliningAConfirmedBookingIsRefusedNamingItsStatus() {
        // given a confirmed booking
        Api.ClassFixture session = api.createClass(2, Map.of());
        String bookingId = create(session, "IN_PERSON", "CONFIRMED");

        // when the owner declines it, then 409 names CONFIRMED and the booking and its seat stay
        Api.Response refused = conflict(api.post(Api.OWNER, "/bookings/" + bookingId + "/decline", Map.of()),
                "status");
        assertThat(refused.text("detail")).contains("CONFIRMED");
        assertState(bookingId, "CONFIRMED", "NOT_PAID", 1);
        assertThat(openSpots(api, session)).isEqualTo(1);
    }

    @Test
    void confirmingACanceledBookingIsRefusedNamingItsStatus() {
        // given a canceled booking whose seat went back
        Api.ClassFixture session = api.createClass(2, Map.of());
        String bookingId = create(session, "IN_PERSON", "CONFIRMED");
        ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of()), 200);

        // when the owner confirms it, then 409 names CANCELED and it takes no seat again
        Api.Response refused = conflict(api.post(Api.OWNER, "/bookings/" + bookingId + "/confirm", Map.of()),
                "status");
        assertThat(refused.text("detail")).contains("CANCELED");
        assertState(bookingId, "CANCELED", "NOT_PAID", 2);
        assertThat(openSpots(api, session)).isEqualTo(2);
    }

    @Test
    void approvingAPaymentOfAnInPersonBookingIsRefusedNamingItsStatus() {
        // given a confirmed in-person booking
        String bookingId = create(api.createClass(2, Map.of()), "IN_PERSON", "CONFIRMED");

        // when an online payment is approved for it, then 409 names CONFIRMED and it stays unpaid
        Api.Response refused = conflict(approve(bookingId, "tx-stray"), "status");
        assertThat(refused.text("detail")).contains("CONFIRMED");
        assertState(bookingId, "CONFIRMED", "NOT_PAID", 1);
    }

    private static String create(Api.ClassFixture session, String option, String expectedStatus) {
        Api.Response created = ok(api.post(Api.BOOKER, "/bookings", Api.booking(session, option)), 201);
        assertThat(created.text("status")).isEqualTo(expectedStatus);
        return created.text("bookingId");
    }

    private static Api.Response markPaid(String bookingId) {
        return api.post(Api.OWNER, "/bookings/" + bookingId + "/mark-paid", Map.of());
    }

    private static Api.Response approve(String bookingId, String transactionId) {
        return api.post(Api.PAYMENTS, "/bookings/" + bookingId + "/payment-approved",
                Map.of("transactionId", transactionId));
    }

    /** What GET /bookings/{id} shows: the read model agrees with the command answers. */
    private static void assertState(String bookingId, String status, String paymentStatus, long revision) {
        Api.Response booking = api.get(Api.OWNER, "/bookings/" + bookingId);
        assertThat(booking.status()).as(booking.toString()).isEqualTo(200);
        assertThat(booking.text("status")).as(booking.toString()).isEqualTo(status);
        assertThat(booking.text("paymentStatus")).as(booking.toString()).isEqualTo(paymentStatus);
        assertThat(booking.body().path("revision").asLong()).as(booking.toString()).isEqualTo(revision);
    }
}

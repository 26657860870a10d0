package com.bookingengine.standalone;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static com.bookingengine.standalone.Checks.badField;
import static com.bookingengine.standalone.Checks.conflict;
import static com.bookingengine.standalone.Checks.listed;
import static com.bookingengine.standalone.Checks.ok;
import static com.bookingengine.standalone.Checks.openSpots;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safe retries and optimistic concurrency over HTTP (SPEC §3 bookings, §4): a client-chosen bookingId makes a
 * repeated create harmless, and {@code expectedRevision} or {@code If-Match} turn a stale write into a 409.
 */
class IdempotencyAndRevisionApiTest extends EngineTest {

    @Test
    void repeatingACreateWithTheSameIdAndBodyAnswersTheFirstBookingAndTakesOneSeat() {
        // given a create request with a client-chosen id
        Api.ClassFixture session = api.createClass(3, Map.of());
        String bookingId = UUID.randomUUID().toString();
        Map<String, Object> body = Api.booking(session, "IN_PERSON");
        body.put("bookingId", bookingId);

        // when it is sent twice (a retry after a lost response)
        Api.Response first = ok(api.post(Api.BOOKER, "/bookings", body), 201);
        Api.Response second = ok(api.post(Api.BOOKER, "/bookings", body), 201);

        // then both answers describe the same, first booking
        for (Api.Response answer : new Api.Response[] {first, second}) {
            assertThat(answer.text("bookingId")).isEqualTo(bookingId);
            assertThat(answer.text("status")).isEqualTo("CONFIRMED");
            assertThat(answer.body().path("revision").asLong()).isEqualTo(1);
        }
        // and there is one booking holding one seat
        assertThat(listed(api, session.serviceId())).isEqualTo(1);
        assertThat(openSpots(api, session)).isEqualTo(2);
        assertThat(api.get(Api.OWNER, "/bookings/" + bookingId).body().path("revision").asLong()).isEqualTo(1);
    }

    @Test
    void theSameIdWithADifferentBodyIsAConflictAndTheFirstBookingStands() {
        // given a booking made with a client-chosen id for one participant
        Api.ClassFixture session = api.createClass(5, Map.of());
        String bookingId = UUID.randomUUID().toString();
        Map<String, Object> body = Api.booking(session, "IN_PERSON");
        body.put("bookingId", bookingId);
        ok(api.post(Api.BOOKER, "/bookings", body), 201);

        // when the same id is sent for two participants
        body.put("participants", 2);
        conflict(api.post(Api.BOOKER, "/bookings", body), "duplicate");

        // then the first booking is unchanged and no second seat was taken
        Api.Response booking = api.get(Api.OWNER, "/bookings/" + bookingId);
        assertThat(booking.body().path("participants").asInt()).isEqualTo(1);
        assertThat(booking.body().path("revision").asLong()).isEqualTo(1);
        assertThat(listed(api, session.serviceId())).isEqualTo(1);
        assertThat(openSpots(api, session)).isEqualTo(4);
    }

    @Test
    void aStaleExpectedRevisionInTheBodyIsRefusedAndChangesNothing() {
        // given a booking at revision 2 (created, then marked paid)
        Api.ClassFixture session = api.createClass(2, Map.of());
        String bookingId = create(session);
        assertThat(ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/mark-paid", Map.of()), 200)
                .body().path("revision").asLong()).isEqualTo(2);

        // when a client that last read revision 1 cancels
        Api.Response refused = conflict(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel",
                Map.of("expectedRevision", 1)), "revision");

        // then it is told the booking moved on, and the booking still holds its seat
        assertThat(refused.text("detail")).contains("2");
        assertState(bookingId, "CONFIRMED", 2);
        assertThat(openSpots(api, session)).isEqualTo(1);

        // and with the current revision the cancel goes through
        Api.Response canceled = ok(api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel",
                Map.of("expectedRevision", 2)), 200);
        assertThat(canceled.text("status")).isEqualTo("CANCELED");
        assertThat(canceled.body().path("revision").asLong()).isEqualTo(3);
        assertThat(openSpots(api, session)).isEqualTo(2);
    }

    @Test
    void ifMatchCarriesTheExpectedRevision() {
        // given a booking at revision 1
        Api.ClassFixture session = api.createClass(2, Map.of());
        String bookingId = create(session);

        // when canceled with If-Match "7", then it is a revision conflict and nothing changes
        conflict(cancel(bookingId, "\"7\"", Map.of()), "revision");
        assertState(bookingId, "CONFIRMED", 1);
        assertThat(openSpots(api, session)).isEqualTo(1);

        // when canceled with If-Match "1", then it is canceled and the new ETag is its revision
        HttpResponse<String> canceled = raw.send(raw.post(Api.OWNER, "/api/v1/bookings/" + bookingId + "/cancel",
                Map.of()).header("If-Match", "\"1\""));
        assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
        assertThat(RawHttp.json(canceled).path("status").asText()).isEqualTo("CANCELED");
        assertThat(RawHttp.json(canceled).path("revision").asLong()).isEqualTo(2);
        assertThat(canceled.headers().firstValue("ETag")).hasValue("\"2\"");
        assertState(bookingId, "CANCELED", 2);
        assertThat(openSpots(api, session)).isEqualTo(2);
    }

    @Test
    void ifMatchAndABodyRevisionThatDisagreeAreABadRequest() {
        // given a booking at revision 1
        Api.ClassFixture session = api.createClass(2, Map.of());
        String bookingId = create(session);

        // when If-Match says 1 and the body says 2, then 400 names expectedRevision and nothing changes
        badField(cancel(bookingId, "\"1\"", Map.of("expectedRevision", 2)), "expectedRevision");
        assertState(bookingId, "CONFIRMED", 1);
        assertThat(openSpots(api, session)).isEqualTo(1);
    }

    @Test
    void aClientBookingIdMustBeAUuid() {
        // given a create request whose id is not a UUID
        Api.ClassFixture session = api.createClass(2, Map.of());
        Map<String, Object> body = Api.booking(session, "IN_PERSON");
        body.put("bookingId", "my-booking-1");

        // when it is sent, then 400 names bookingId and nothing is booked
        badField(api.post(Api.BOOKER, "/bookings", body), "bookingId");
        assertThat(listed(api, session.serviceId())).isZero();
        assertThat(openSpots(api, session)).isEqualTo(2);
    }

    private static String create(Api.ClassFixture session) {
        Api.Response created = ok(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")), 201);
        assertThat(created.body().path("revision").asLong()).isEqualTo(1);
        return created.text("bookingId");
    }

    private static Api.Response cancel(String bookingId, String ifMatch, Map<String, Object> body) {
        return api.send(Api.OWNER, "POST", "/bookings/" + bookingId + "/cancel", body, Map.of("If-Match", ifMatch));
    }

    private static void assertState(String bookingId, String status, long revision) {
        Api.Response booking = api.get(Api.OWNER, "/bookings/" + bookingId);
        assertThat(booking.status()).as(booking.toString()).isEqualTo(200);
        assertThat(booking.text("status")).as(booking.toString()).isEqualTo(status);
        assertThat(booking.body().path("revision").asLong()).as(booking.toString()).isEqualTo(revision);
    }
}

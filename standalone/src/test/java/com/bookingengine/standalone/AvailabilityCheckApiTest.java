package com.bookingengine.standalone;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /availability/check}: before checkout, can this many people still book this session? */
class AvailabilityCheckApiTest extends EngineTest {

    private static Api.Response check(Api.ClassFixture session, int participants) {
        return api.post(Api.BOOKER, "/availability/check", Map.of("serviceId", session.serviceId(),
                "sessionId", session.sessionId(), "participants", participants));
    }

    @Test
    void aSessionWithRoomIsAvailableUntilItsSeatsAreTaken() {
        Api.ClassFixture session = api.createClass(2, Map.of());
        Api.Response before = check(session, 2);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().path("available").asBoolean()).isTrue();
        assertThat(before.body().path("openSpots").asInt()).isEqualTo(2);
        assertThat(before.body().has("reason")).isFalse();

        api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON"));

        Api.Response after = check(session, 2);
        assertThat(after.body().path("available").asBoolean()).isFalse();
        assertThat(after.body().path("openSpots").asInt()).isEqualTo(1);
        assertThat(after.text("reason")).isEqualTo("full");
        assertThat(check(session, 1).body().path("available").asBoolean()).isTrue();
    }

    @Test
    void policyAndUnknownSessionsAreNamedAsReasons() {
        Api.ClassFixture late = api.createClass(5, Map.of("policy", Map.of("minNoticeMinutes", 60 * 24 * 8)));
        assertThat(check(late, 1).text("reason")).isEqualTo("tooLateToBook");
        Api.ClassFixture small = api.createClass(5, Map.of("policy", Map.of("maxParticipantsPerBooking", 2)));
        assertThat(check(small, 3).text("reason")).isEqualTo("tooManyParticipants");
        Api.Response unknown = api.post(Api.BOOKER, "/availability/check",
                Map.of("serviceId", small.serviceId(), "sessionId", late.sessionId()));
        assertThat(unknown.body().path("available").asBoolean()).isFalse();
        assertThat(unknown.text("reason")).isEqualTo("unknownSession");
    }

    @Test
    void badRequestsAreProblems() {
        Api.ClassFixture session = api.createClass(1, Map.of());
        assertThat(api.post(Api.BOOKER, "/availability/check", Map.of("serviceId", "nope", "sessionId", "x"))
                .status()).isEqualTo(404);
        Api.Response noSession = api.post(Api.BOOKER, "/availability/check", Map.of("serviceId", session.serviceId()));
        assertThat(noSession.status()).isEqualTo(400);
        assertThat(noSession.text("field")).isEqualTo("sessionId");
        assertThat(check(session, 0).status()).isEqualTo(400);
        assertThat(api.post(null, "/availability/check", Map.of("serviceId", session.serviceId())).status())
                .isEqualTo(401);
    }
}

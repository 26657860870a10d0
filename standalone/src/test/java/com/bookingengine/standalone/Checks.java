package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions and reads the HTTP contract tests share. */
final class Checks {

    private Checks() {
    }

    /** Asserts an RFC 9457 problem with {@code status} and a non-blank detail, and returns it. */
    static Api.Response problem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.body().path("status").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(response.text("detail")).as(response.toString()).isNotBlank();
        return response;
    }

    /** Asserts a 400 problem that names {@code field}. */
    static Api.Response badField(Api.Response response, String field) {
        problem(response, 400);
        assertThat(response.text("field")).as(response.toString()).isEqualTo(field);
        return response;
    }

    /** Asserts a 409 problem with the machine-readable {@code reason}. */
    static Api.Response conflict(Api.Response response, String reason) {
        problem(response, 409);
        assertThat(response.text("reason")).as(response.toString()).isEqualTo(reason);
        return response;
    }

    /** Asserts a successful command answer and returns it. */
    static Api.Response ok(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/json");
        return response;
    }

    /** The availability slots of {@code serviceId} starting in [from, to), judged for {@code participants}. */
    static JsonNode slots(Api api, String serviceId, Instant from, Instant to, int participants) {
        Api.Response response = api.get(Api.OWNER, "/availability?serviceId=" + serviceId + "&from=" + from
                + "&to=" + to + "&participants=" + participants);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body().path("slots");
    }

    /** The one slot of a fixture's session. */
    static JsonNode slot(Api api, Api.ClassFixture session) {
        JsonNode slots = slots(api, session.serviceId(), session.start().minusSeconds(60),
                session.start().plusSeconds(60), 1);
        assertThat(slots).hasSize(1);
        return slots.get(0);
    }

    static int openSpots(Api api, Api.ClassFixture session) {
        return slot(api, session).path("openSpots").asInt();
    }

    /** How many bookings the list shows for a service. */
    static int listed(Api api, String serviceId) {
        Api.Response response = api.get(Api.OWNER, "/bookings?serviceId=" + serviceId + "&size=200");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body().path("total").asInt();
    }
}

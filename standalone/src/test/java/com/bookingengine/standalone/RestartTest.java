package com.bookingengine.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps everything in a file-backed H2 store: a second start continues where the first left. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartContinuesWithTheSameBookingsAndSeats() {
        Map<String, Object> embedded = Map.of("booking.data-dir", dataDir.toString());
        Api.ClassFixture session;
        String bookingId;
        try (ConfigurableApplicationContext first = Nodes.start(embedded)) {
            Api api = Nodes.api(first);
            session = api.createClass(2, Map.of());
            Api.Response booked = api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON"));
            assertThat(booked.status()).isEqualTo(201);
            bookingId = booked.text("bookingId");
        }
        assertThat(Files.exists(dataDir.resolve("booking-engine.mv.db"))).isTrue();

        try (ConfigurableApplicationContext second = Nodes.start(embedded)) {
            Api api = Nodes.api(second);
            Api.Response booking = api.get(Api.OWNER, "/bookings/" + bookingId);
            assertThat(booking.status()).isEqualTo(200);
            assertThat(booking.text("status")).isEqualTo("CONFIRMED");
            assertThat(api.get(Api.OWNER, "/services/" + session.serviceId()).status()).isEqualTo(200);

            // The session aggregate still knows one of its two seats is taken: one more fits, then it is full.
            assertThat(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")).status()).isEqualTo(201);
            assertThat(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")).status()).isEqualTo(409);

            // The booking's own history continues: revision 2 after a cancel.
            Api.Response canceled = api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of());
            assertThat(canceled.status()).isEqualTo(200);
            assertThat(canceled.body().path("revision").asLong()).isEqualTo(2);
            assertThat(api.get(Api.OWNER, "/bookings?serviceId=" + session.serviceId()).body().path("total").asInt())
                    .isEqualTo(2);
        }
    }
}

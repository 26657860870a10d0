package com.bookingengine.standalone;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event records who caused it (the API key's name), the request's correlation id and the id of the
 * command that caused it (SPEC §4 Auth, §5).
 */
class ActorMetadataTest extends EngineTest {

    @Test
    void everyStoredEventNamesTheKeyThatCausedIt() {
                Api.ClassFixture session = api.createClass(3, Map.of());
        String bookingId = api.send(Api.BOOKER, "POST", "/bookings", Api.booking(session, "IN_PERSON"),
                Map.of("X-Correlation-Id", "checkout-4711")).text("bookingId");
        api.post(Api.OWNER, "/bookings/" + bookingId + "/cancel", Map.of());

        EventStore events = engine.getBean(EventStore.class);
        List<? extends DomainEventMessage<?>> booking = events.readEvents(bookingId).asStream().toList();
        assertThat(booking).extracting(e -> e.getMetaData().get("actor")).containsExactly("dev-booker", "dev-owner");
        assertThat(booking).allSatisfy(e -> assertThat(e.getMetaData()).containsKeys("causationId", "hash"));
        assertThat(booking.get(0).getMetaData().get("correlationId")).isEqualTo("checkout-4711");
        assertThat(booking.get(1).getMetaData().get("correlationId")).isNotEqualTo("checkout-4711");

        List<? extends DomainEventMessage<?>> seats = events.readEvents(session.sessionId()).asStream().toList();
        assertThat(seats).extracting(e -> e.getMetaData().get("actor"))
                .containsExactly("dev-owner", "dev-booker", "dev-owner");
        // The seat taken by the booking request shares its correlation and causation ids: one command caused both.
        assertThat(seats.get(1).getMetaData().get("correlationId")).isEqualTo("checkout-4711");
        assertThat(seats.get(1).getMetaData().get("causationId")).isEqualTo(booking.get(0).getMetaData().get("causationId"));
        assertThat(seats.get(2).getMetaData().get("causationId")).isEqualTo(booking.get(1).getMetaData().get("causationId"));
    }
}

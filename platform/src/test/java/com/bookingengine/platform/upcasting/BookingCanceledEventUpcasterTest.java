package com.bookingengine.platform.upcasting;

import com.bookingengine.api.booking.BookingCanceledEvent;
import com.bookingengine.api.booking.BookingConfirmedEvent;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored events keep the shape they were written in; reading them through the engine's event serializer and the
 * upcaster chain gives today's records.
 */
class BookingCanceledEventUpcasterTest {

    /** The serializer the event store uses (Jackson, the engine's own mapper). */
    private final Serializer events = new AxonMessagingConfiguration().eventSerializer();
    private final EventUpcasterChain chain =
            new EventUpcasterChain(new UpcastingConfiguration().bookingCanceledEventUpcaster());

    @Test
    void aRevision1CancelReadsBackWithTheRequesterAsRequestedBy() {
        // given a cancel stored before revision 2, field canceledBy
        String old = "{\"bookingId\":\"b-1\",\"canceledBy\":\"CUSTOMER\",\"reason\":\"ill\",\"status\":\"CANCELED\","
                + "\"paymentStatus\":\"NOT_PAID\"}";

        // when it is read
        DomainEventMessage<?> read = read(stored(BookingCanceledEvent.class.getName(), "1", old, "b-1", 3));

        // then it is the revision-2 record with nothing lost
        assertThat(read.getPayload()).isEqualTo(new BookingCanceledEvent("b-1", CancelRequester.CUSTOMER, "ill",
                BookingStatus.CANCELED, PaymentStatus.NOT_PAID));
        assertThat(read.getSequenceNumber()).isEqualTo(3);
        assertThat(read.getAggregateIdentifier()).isEqualTo("b-1");
    }

    @Test
    void withoutTheUpcasterTheOldFieldWouldSilentlyBeLost() {
        // the engine's mapper ignores unknown properties, so this is what the upcaster protects against
        String old = "{\"bookingId\":\"b-1\",\"canceledBy\":\"OWNER\",\"status\":\"CANCELED\",\"paymentStatus\":\"PAID\"}";
        DomainEventMessage<?> unupcast = EventStreamUtils.upcastAndDeserializeDomainEvents(
                Stream.of(stored(BookingCanceledEvent.class.getName(), "1", old, "b-1", 0)), events,
                new EventUpcasterChain()).asStream().findFirst().orElseThrow();
        assertThat(((BookingCanceledEvent) unupcast.getPayload()).requestedBy()).isNull();

        assertThat(((BookingCanceledEvent) read(stored(BookingCanceledEvent.class.getName(), "1", old, "b-1", 0))
                .getPayload()).requestedBy()).isEqualTo(CancelRequester.OWNER);
    }

    @Test
    void aRevision2CancelWrittenTodayReadsBackUnchanged() {
        BookingCanceledEvent today = new BookingCanceledEvent("b-2", CancelRequester.OWNER, null, BookingStatus.CANCELED,
                PaymentStatus.REFUNDED);
        SerializedObject<byte[]> written = events.serialize(today, byte[].class);
        assertThat(written.getType().getRevision()).isEqualTo("2");
        assertThat(new String(written.getData(), StandardCharsets.UTF_8)).contains("\"requestedBy\":\"OWNER\"")
                .doesNotContain("canceledBy");

        DomainEventMessage<?> read = read(stored(BookingCanceledEvent.class.getName(), "2",
                new String(written.getData(), StandardCharsets.UTF_8), "b-2", 1));

        assertThat(read.getPayload()).isEqualTo(today);
    }

    @Test
    void otherEventTypesPassThroughUntouched() {
        String confirmed = "{\"bookingId\":\"b-3\",\"reason\":\"ok\",\"status\":\"CONFIRMED\",\"paymentStatus\":\"NOT_PAID\","
                + "\"canceledBy\":\"not mine to rename\"}";
        GenericDomainEventEntry<byte[]> entry = stored(BookingConfirmedEvent.class.getName(), "1", confirmed, "b-3", 1);

        List<IntermediateEventRepresentation> upcast =
                chain.upcast(Stream.of(new InitialEventRepresentation(entry, events))).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("1");
        assertThat(read(entry).getPayload()).isEqualTo(new BookingConfirmedEvent("b-3", "ok", BookingStatus.CONFIRMED,
                PaymentStatus.NOT_PAID));
    }

    private DomainEventMessage<?> read(GenericDomainEventEntry<byte[]> entry) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), events, chain).asStream()
                .findFirst().orElseThrow();
    }

    /** An event as the event store keeps it: payload and metadata as JSON bytes, type and revision beside them. */
    private static GenericDomainEventEntry<byte[]> stored(String type, String revision, String json, String aggregateId,
                                                          long sequence) {
        return new GenericDomainEventEntry<>("Booking", aggregateId, sequence, UUID.randomUUID().toString(),
                "2026-01-01T10:00:00.000Z", type, revision,
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }
}

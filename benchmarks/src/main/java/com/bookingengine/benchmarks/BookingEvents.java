package com.bookingengine.benchmarks;

import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.Money;
import com.bookingengine.platform.audit.EventHash;
import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * The events one "create booking" command stores, built from the engine's real event records: a new
 * {@code Booking} aggregate's {@link BookingCreatedEvent} (sequence 0) and {@link SeatsReservedEvent} on the
 * {@code ClassSession} aggregate at its next sequence, with the metadata the engine puts on every event
 * (actor, correlation and causation ids, trace id, audit hash).
 */
public final class BookingEvents {

    static final String BOOKING_TYPE = "Booking";
    static final String SESSION_TYPE = "ClassSession";
    static final String SERVICE_ID = "svc-yoga-vinyasa-intermediate";

    private static final Instant FIRST_SESSION = Instant.parse("2026-12-01T07:30:00Z");
    private static final Money PRICE = Money.of("18.50", "EUR");
    private static final BookingTerms TERMS = new BookingTerms("Europe/Berlin", PRICE, false, BookingPolicy.defaults());

    private BookingEvents() {
    }

    static String sessionId(int index) {
        return "session-" + SERVICE_ID + "-" + index;
    }

    /** The two events of one booking: the session's reservation and the new booking. */
    public static List<DomainEventMessage<?>> booking(int sessionIndex, long sessionSequence) {
        String bookingId = UUID.randomUUID().toString();
        String sessionId = sessionId(sessionIndex);
        MetaData metaData = metaData();
        return List.of(
                seatsReserved(sessionId, sessionSequence, bookingId, metaData),
                bookingCreated(bookingId, sessionId, sessionIndex, metaData));
    }

    static DomainEventMessage<SeatsReservedEvent> seatsReserved(String sessionId, long sequence, String bookingId,
                                                                MetaData metaData) {
        int participants = 1 + (int) (sequence % 3);
        return new GenericDomainEventMessage<>(SESSION_TYPE, sessionId, sequence,
                new SeatsReservedEvent(sessionId, SERVICE_ID, bookingId, participants), metaData);
    }

    static DomainEventMessage<BookingCreatedEvent> bookingCreated(String bookingId, String sessionId,
                                                                  int sessionIndex, MetaData metaData) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int participants = 1 + random.nextInt(3);
        Instant start = FIRST_SESSION.plus(Duration.ofHours(24L * (sessionIndex / 4) + 3L * (sessionIndex % 4)));
        ContactDetails contact = new ContactDetails("contact-" + random.nextInt(1_000_000), "Maria",
                "Schneider-Okafor", "maria.schneider" + random.nextInt(10_000) + "@example.org", "+49 30 5550 1234",
                "Invalidenstrasse 117, 10115 Berlin");
        Map<String, String> formInfo = Map.of("experience", "some", "notes", "Prefers a mat near the window");
        Money price = PRICE.times(participants);
        PaymentDetails payment = new PaymentDetails(PaymentOption.ONLINE, "card", null, null, price, price);
        BookingCreatedEvent event = new BookingCreatedEvent(bookingId, SERVICE_ID, "Vinyasa Flow (intermediate)",
                ServiceType.CLASS, sessionId, start, start.plus(Duration.ofMinutes(75)), participants, contact,
                formInfo, payment, BookingStatus.PENDING_CHECKOUT, PaymentStatus.PENDING, false, TERMS);
        return new GenericDomainEventMessage<>(BOOKING_TYPE, bookingId, 0, event, metaData);
    }

    static MetaData metaData() {
        String commandId = UUID.randomUUID().toString();
        Map<String, Object> values = new HashMap<>();
        values.put(AxonMessagingConfiguration.ACTOR, "frontdesk-web");
        values.put(AxonMessagingConfiguration.CORRELATION_ID, commandId);
        values.put(AxonMessagingConfiguration.CAUSATION_ID, commandId);
        values.put("traceId", commandId);
        // The audit chain's SHA-256, hex: same size as the real one.
        values.put(EventHash.KEY, (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""));
        return MetaData.from(values);
    }
}

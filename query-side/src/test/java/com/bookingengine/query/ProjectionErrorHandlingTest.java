package com.bookingengine.query;

import com.bookingengine.api.availability.Availability;
import com.bookingengine.api.availability.AvailabilityQuery;
import com.bookingengine.api.availability.Slot;
import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingView;
import com.bookingengine.api.booking.FindBookingQuery;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.api.booking.SeatsReleasedEvent;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.catalogue.FindServiceQuery;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceView;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.platform.axon.SettledHandlerInvoker;
import com.bookingengine.query.availability.AvailabilityProjection;
import com.bookingengine.query.booking.BookingProjection;
import com.bookingengine.query.catalogue.CatalogueProjection;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection that fails on an event must not skip it silently. The engine's processing groups propagate handler
 * errors ({@link PropagatingErrorHandler}) and, as {@code booking-defaults.yml} configures them, park a failing event
 * in the JPA dead-letter queue together with every later event of the same aggregate, while the processor goes on
 * with all other aggregates.
 * <p>
 * Runs in an application context and database of its own, closed afterwards, so that the failure it provokes (and
 * the letter it leaves parked) cannot touch the other projection tests.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {ProjectionTestSupport.CONFIG_NAME,
                "spring.datasource.url=jdbc:h2:mem:projection-errors;DB_CLOSE_DELAY=-1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProjectionErrorHandlingTest extends ProjectionTestSupport {

    private static final Instant NOW = Instant.parse("2031-08-01T08:00:00Z");

    @Test
    void everyProjectionPropagatesHandlerErrorsIntoItsDeadLetterQueue() {
        for (String group : ALL_GROUPS) {
            assertThat(processing.listenerInvocationErrorHandler(group)).as(group)
                    .isInstanceOf(PropagatingErrorHandler.class);
            assertThat(processing.errorHandler(processor(group).getName())).as(group)
                    .isInstanceOf(PropagatingErrorHandler.class);
            assertThat(processing.deadLetterQueue(group)).as("dead-letter queue of %s", group).isPresent();
        }
    }

    /** So that the parking below is proven on the invoker the nodes run, not on Axon's own. */
    @Test
    void everyProjectionHandsItsEventsThroughTheSettledInvoker() {
        for (String group : ALL_GROUPS) {
            assertThat(processor(group)).as(group).isInstanceOfSatisfying(AbstractEventProcessor.class,
                    processor -> assertThat(processor.eventHandlerInvoker()).isInstanceOf(SettledHandlerInvoker.class));
        }
    }

    @Test
    void aFailingEventIsParkedWithItsAggregateWhileEverythingElseGoesOn() {
        // given a session of 10 seats, known to every projection
        String serviceId = id("yoga");
        String sessionId = id("session");
        publishService(classService(serviceId, "Yoga", policy(0, 365), 10));
        publishSession(session(sessionId, serviceId, NOW.plus(Duration.ofDays(1)), 10));
        awaitProjections();

        // when seats of a session that was never scheduled arrive: the availability handler throws
        String ghost = id("ghost-session");
        publish(SESSION_AGGREGATE, ghost, new SeatsReservedEvent(ghost, serviceId, "b-ghost", 1));
        // and later events follow: one more of that session, others for every projection
        publish(SESSION_AGGREGATE, ghost, new SeatsReleasedEvent(ghost, serviceId, "b-ghost", 1));
        publish(SESSION_AGGREGATE, sessionId, new SeatsReservedEvent(sessionId, serviceId, "b-1", 3));
        String laterService = id("later-service");
        publishService(classService(laterService, "Later", policy(0, 365), 5));
        String bookingId = id("booking");
        publish(BOOKING_AGGREGATE, bookingId, new BookingCreatedEvent(bookingId, serviceId, "Yoga", ServiceType.CLASS,
                sessionId, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), 3,
                new ContactDetails("c-1", "Ada", "Lovelace", "ada@example.com", null, null), Map.of(), null,
                BookingStatus.CONFIRMED, PaymentStatus.EXEMPT, false, null));
        awaitProjections();

        // then the failing event is not lost: it is parked, with its cause, and the session's next event behind it
        SequencedDeadLetterQueue<EventMessage<?>> deadLetters =
                processing.deadLetterQueue(AvailabilityProjection.PROCESSING_GROUP).orElseThrow();
        assertThat(deadLetters.contains(ghost)).isTrue();
        List<DeadLetter<? extends EventMessage<?>>> parked = new ArrayList<>();
        deadLetters.deadLetterSequence(ghost).forEach(parked::add);
        assertThat(parked).extracting(letter -> (Object) letter.message().getPayloadType())
                .containsExactly(SeatsReservedEvent.class, SeatsReleasedEvent.class);
        Cause cause = parked.get(0).cause().orElseThrow();
        assertThat(cause.type()).isEqualTo(IllegalStateException.class.getName());
        assertThat(cause.message()).contains("Seats of session " + ghost + " changed before the session was scheduled");
        assertThat(deadLetters.amountOfSequences()).isEqualTo(1);

        // and the availability projection went on with every other aggregate
        Slot slot = availability(serviceId).orElseThrow().slots().get(0);
        assertThat(slot.sessionId()).isEqualTo(sessionId);
        assertThat(slot.openSpots()).isEqualTo(7);
        assertThat(availability(laterService)).isPresent();

        // and the other projections saw nothing wrong
        assertThat(queryGateway.query(new FindBookingQuery(bookingId),
                ResponseTypes.optionalInstanceOf(BookingView.class)).join()).get()
                .extracting(BookingView::participants).isEqualTo(3);
        assertThat(queryGateway.query(new FindServiceQuery(laterService),
                ResponseTypes.optionalInstanceOf(ServiceView.class)).join()).isPresent();
        for (String group : List.of(BookingProjection.PROCESSING_GROUP, CatalogueProjection.PROCESSING_GROUP)) {
            assertThat(processing.deadLetterQueue(group).orElseThrow().size()).as("letters parked by %s", group)
                    .isZero();
        }
    }

    private Optional<Availability> availability(String serviceId) {
        return queryGateway.query(new AvailabilityQuery(serviceId, NOW, NOW.plus(Duration.ofDays(30)), 1, NOW),
                ResponseTypes.optionalInstanceOf(Availability.class)).join();
    }
}

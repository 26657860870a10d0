package com.bookingengine.query;

import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.WorkingHours;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import com.bookingengine.api.common.Money;
import com.bookingengine.platform.BookingEngine;
import com.bookingengine.query.availability.AvailabilityProjection;
import com.bookingengine.query.booking.BookingProjection;
import com.bookingengine.query.catalogue.CatalogueProjection;
import com.bookingengine.query.checkout.CheckoutOptionsProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the real query side (embedded profile: H2, JPA event store, tracking projections, dev API keys)
 * and feeds it events the way the command side stores them: domain events of the {@code Booking},
 * {@code ClassSession} and {@code BookableService} aggregates, appended to the real {@link EventStore}.
 * <p>
 * Every test class extending this one shares one application context and one in-memory database; tests keep
 * apart by using fresh ids. A {@code WebEnvironment.NONE} context does not start: the platform's
 * {@code ApiKeySecurityConfiguration} needs Spring Security's web {@code HttpSecurity} bean, which only exists in
 * a servlet web application. A mock servlet environment (no port) is the lightest one that starts.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {ProjectionTestSupport.CONFIG_NAME, "spring.datasource.url=jdbc:h2:mem:query-projections;DB_CLOSE_DELAY=-1"})
public abstract class ProjectionTestSupport {

    /** What {@link QuerySideApplication#main} sets as a default property; a test property works as well. */
    public static final String CONFIG_NAME = "spring.config.name=query-side";

    public static final String BOOKING_AGGREGATE = "Booking";
    public static final String SESSION_AGGREGATE = "ClassSession";
    public static final String SERVICE_AGGREGATE = "BookableService";

    public static final List<String> ALL_GROUPS = List.of(BookingProjection.PROCESSING_GROUP,
            CatalogueProjection.PROCESSING_GROUP, AvailabilityProjection.PROCESSING_GROUP,
            CheckoutOptionsProjection.PROCESSING_GROUP);

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(20);

    /** Next sequence number per aggregate id, as the command side's event-sourced repository would assign. */
    private static final Map<String, AtomicLong> SEQUENCES = new ConcurrentHashMap<>();

    static {
        // Surefire sets it too; this covers a run from an IDE.
        BookingEngine.disableUpdateChecker();
    }

    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected EventProcessingConfiguration processing;
    @Autowired
    protected QueryGateway queryGateway;

    // ---------------------------------------------------------------- feeding events

    /** Appends {@code payload} as the next event of the aggregate, stamped now (to the millisecond). */
    protected void publish(String aggregateType, String aggregateId, Object payload) {
        publishAt(Instant.now().truncatedTo(ChronoUnit.MILLIS), aggregateType, aggregateId, payload);
    }

    /** Appends {@code payload} as the next event of the aggregate, stamped {@code timestamp}. */
    protected void publishAt(Instant timestamp, String aggregateType, String aggregateId, Object payload) {
        eventStore.publish(event(timestamp, aggregateType, aggregateId, payload));
    }

    /**
     * Appends the events in one commit, as one command's events are stored: a projection's processor then reads them
     * in one batch, one transaction, so each handler must see what the earlier ones of the batch wrote.
     */
    protected void publishTogether(List<? extends EventMessage<?>> events) {
        eventStore.publish(events);
    }

    /** The next event of the aggregate, stamped now (to the millisecond), for {@link #publishTogether}. */
    protected static EventMessage<?> event(String aggregateType, String aggregateId, Object payload) {
        return event(Instant.now().truncatedTo(ChronoUnit.MILLIS), aggregateType, aggregateId, payload);
    }

    private static EventMessage<?> event(Instant timestamp, String aggregateType, String aggregateId,
                                         Object payload) {
        long sequence = SEQUENCES.computeIfAbsent(aggregateId, id -> new AtomicLong()).getAndIncrement();
        return new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence,
                new GenericMessage<>(UUID.randomUUID().toString(), payload, MetaData.with("actor", "test")),
                timestamp);
    }

    protected void publishService(ServiceCreatedEvent event) {
        publish(SERVICE_AGGREGATE, event.serviceId(), event);
    }

    protected void publishSession(SessionScheduledEvent event) {
        publish(SESSION_AGGREGATE, event.sessionId(), event);
    }

    // ---------------------------------------------------------------- waiting for the projections

    protected StreamingEventProcessor processor(String processingGroup) {
        return processing.eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class)
                .orElseThrow(() -> new AssertionError("No streaming processor for group " + processingGroup));
    }

    /** Global index of the newest stored event (-1 while the store is empty). */
    protected long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** Waits until every projection has processed (and committed) every event stored so far. */
    protected void awaitProjections() {
        awaitProjections(ALL_GROUPS.toArray(String[]::new));
    }

    protected void awaitProjections(String... groups) {
        long head = headPosition();
        await("projections " + Arrays.toString(groups) + " at event " + head)
                .atMost(CATCH_UP_TIMEOUT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> {
                    for (String group : groups) {
                        assertThat(caughtUp(group, head)).as("%s caught up to %s: %s", group, head, describe(group))
                                .isTrue();
                    }
                });
    }

    /**
     * Running, no segment in error, every segment claimed and at or past {@code position}. A segment's status
     * only advances after the batch's transaction (read model and token) committed.
     */
    protected boolean caughtUp(String group, long position) {
        StreamingEventProcessor processor = processor(group);
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return processor.isRunning() && !processor.isError() && !status.isEmpty()
                && status.values().stream().allMatch(s -> !s.isErrorState()
                && s.getCurrentPosition().orElse(-1) >= position);
    }

    protected String describe(String group) {
        StreamingEventProcessor processor = processor(group);
        return "running=" + processor.isRunning() + " error=" + processor.isError() + " segments="
                + processor.processingStatus().values().stream()
                .map(s -> s.getSegment().getSegmentId() + "@" + s.getCurrentPosition()
                        + (s.isErrorState() ? " error " + s.getError() : "") + (s.isReplaying() ? " replaying" : ""))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    // ---------------------------------------------------------------- fixtures

    protected static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    protected static BookingPolicy policy(int minNoticeMinutes, int maxAdvanceDays) {
        return new BookingPolicy(minNoticeMinutes, maxAdvanceDays, 60, 4, 0, 0, 15);
    }

    protected static ServiceCreatedEvent classService(String serviceId, String name, BookingPolicy policy,
                                                      int capacity) {
        return new ServiceCreatedEvent(serviceId, name, ServiceType.CLASS, "Europe/Paris", "Studio 1, Rue de la Paix",
                Money.of("25", "EUR"), EnumSet.of(PaymentOption.ONLINE, PaymentOption.IN_PERSON), false,
                List.of(new FormField("experience", true), new FormField("notes", false)), policy, capacity, null);
    }

    /** An appointment service in Europe/Paris: Mondays 09:00-12:00 in slots of {@code slotMinutes}. */
    protected static ServiceCreatedEvent appointmentService(String serviceId, int slotMinutes, int bufferMinutes) {
        return new ServiceCreatedEvent(serviceId, "Haircut " + serviceId, ServiceType.APPOINTMENT, "Europe/Paris",
                "Salon", Money.of("30", "EUR"), EnumSet.of(PaymentOption.IN_PERSON), false, List.of(),
                new BookingPolicy(0, 365, 60, 2, 0, bufferMinutes, 15), 1, new AppointmentSchedule(List.of(
                new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))), slotMinutes));
    }

    protected static SessionScheduledEvent session(String sessionId, String serviceId, Instant start, int capacity) {
        return new SessionScheduledEvent(sessionId, serviceId, start, start.plus(Duration.ofHours(1)), capacity);
    }
}

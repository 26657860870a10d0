package com.bookingengine.query;

import com.bookingengine.api.availability.Availability;
import com.bookingengine.api.availability.AvailabilityQuery;
import com.bookingengine.api.availability.Slot;
import com.bookingengine.api.booking.AppointmentTimeReleasedEvent;
import com.bookingengine.api.booking.AppointmentTimeReservedEvent;
import com.bookingengine.api.booking.BookingCanceledEvent;
import com.bookingengine.api.booking.BookingConfirmedEvent;
import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingPage;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.booking.BookingView;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.FindBookingQuery;
import com.bookingengine.api.booking.ListBookingsQuery;
import com.bookingengine.api.booking.PaymentApprovedEvent;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.api.booking.SeatsReleasedEvent;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.catalogue.CourseSessionsScheduledEvent;
import com.bookingengine.api.catalogue.FindServiceQuery;
import com.bookingengine.api.catalogue.ListServicesQuery;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceList;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceView;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.payment.CheckoutOptions;
import com.bookingengine.api.payment.CheckoutOptionsQuery;
import com.bookingengine.api.payment.CreditsConsumedEvent;
import com.bookingengine.api.payment.MembershipPlanGrantedEvent;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Any projection can be rebuilt from the event store, and the rebuilt read model equals the live one. Shares the
 * application context of the other projection tests, so the replay also covers whatever they stored.
 */
class ProjectionRebuildTest extends ProjectionTestSupport {

    private static final Instant NOW = Instant.parse("2031-07-01T08:00:00Z");
    private static final List<String> READ_MODEL_TABLES = List.of("booking_view", "catalogue_service",
            "catalogue_session", "catalogue_course_session", "availability_service", "availability_session",
            "availability_block", "checkout_service", "checkout_plan");
    /** The contact whose checkout options every service is asked for. */
    private static final String MEMBER = id("rebuild-member");

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void rebuildingEveryProjectionFromTheEventStoreGivesTheSameAnswers() {
        // given a mix of catalogue, seat and booking events
        String serviceId = id("rebuild-yoga");
        String morning = id("morning");
        String evening = id("evening");
        Instant morningStart = NOW.plus(Duration.ofDays(2));
        Instant eveningStart = morningStart.plus(Duration.ofHours(10));
        publishService(classService(serviceId, "Rebuild Yoga " + serviceId, policy(60, 30), 6));
        publishSession(session(evening, serviceId, eveningStart, 6));
        publishSession(session(morning, serviceId, morningStart, 4));
        String paid = book(serviceId, morning, morningStart, 2, BookingStatus.PENDING_CHECKOUT, PaymentStatus.PENDING);
        publish(BOOKING_AGGREGATE, paid, new PaymentApprovedEvent(paid, "tx-1", BookingStatus.CONFIRMED, PaymentStatus.PAID));
        String canceled = book(serviceId, morning, morningStart, 1, BookingStatus.PENDING, PaymentStatus.NOT_PAID);
        publish(BOOKING_AGGREGATE, canceled, new BookingConfirmedEvent(canceled, null, BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID));
        publish(BOOKING_AGGREGATE, canceled, new BookingCanceledEvent(canceled, CancelRequester.CUSTOMER, "ill",
                BookingStatus.CANCELED, PaymentStatus.NOT_PAID));
        publish(SESSION_AGGREGATE, morning, new SeatsReleasedEvent(morning, serviceId, canceled, 1));
        String eveningBooking = book(serviceId, evening, eveningStart, 3, BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID);
        // and an appointment service whose provider holds time (one booking moved, one canceled), and a course
        String haircut = id("rebuild-haircut");
        publishService(appointmentService(haircut, 30, 15));
        String day = haircut + "@2031-07-07";
        Instant nine = Instant.parse("2031-07-07T07:00:00Z"); // Monday 09:00 in Paris
        publish("ProviderDay", day, new AppointmentTimeReservedEvent(day, haircut, "a-1", nine, nine.plusSeconds(45 * 60)));
        publish("ProviderDay", day, new AppointmentTimeReservedEvent(day, haircut, "a-2", nine.plusSeconds(3600),
                nine.plusSeconds(105 * 60)));
        publish("ProviderDay", day, new AppointmentTimeReleasedEvent(day, haircut, "a-2", nine.plusSeconds(3600),
                nine.plusSeconds(105 * 60)));
        publish("ProviderDay", day, new AppointmentTimeReleasedEvent(day, haircut, "a-1", nine, nine.plusSeconds(45 * 60)));
        publish("ProviderDay", day, new AppointmentTimeReservedEvent(day, haircut, "a-1", nine.plusSeconds(7200),
                nine.plusSeconds(9900)));
        String course = id("rebuild-course");
        String seats = course + ":course";
        publishService(new ServiceCreatedEvent(course, "Rebuild course", ServiceType.COURSE, "Europe/Paris", null,
                Money.of("90", "EUR"), EnumSet.of(PaymentOption.IN_PERSON, PaymentOption.MEMBERSHIP), false, List.of(),
                policy(0, 365), 3, null));
        publishSession(new SessionScheduledEvent(seats, course, morningStart, morningStart.plus(Duration.ofDays(7)), 3));
        publish(SESSION_AGGREGATE, seats, new CourseSessionsScheduledEvent(seats, course, List.of(
                new CourseSessionsScheduledEvent.Meeting("c1", morningStart, morningStart.plusSeconds(3600)),
                new CourseSessionsScheduledEvent.Meeting("c2", morningStart.plus(Duration.ofDays(7)).minusSeconds(3600),
                        morningStart.plus(Duration.ofDays(7))))));
        publish(SESSION_AGGREGATE, seats, new SeatsReservedEvent(seats, course, "c-b1", 2));
        // and a membership plan covering the course, some of whose credits a booking paid
        String plan = id("rebuild-plan");
        publish("MembershipPlan", "plan/" + plan, new MembershipPlanGrantedEvent(plan, MEMBER, "Course pass", 4,
                Set.of(course, serviceId)));
        publish("MembershipPlan", "plan/" + plan, new CreditsConsumedEvent(plan, MEMBER, "c-b1", 2, 2));
        awaitProjections();

        Map<String, Object> before = readModels();
        // the capture holds what was just fed (plus what other tests of this context stored)
        assertThat(booking(paid)).get().extracting(BookingView::status, BookingView::revision)
                .containsExactly(BookingStatus.CONFIRMED, 2L);
        assertThat(booking(canceled)).get().extracting(BookingView::status, BookingView::revision)
                .containsExactly(BookingStatus.CANCELED, 3L);
        assertThat(booking(eveningBooking)).isPresent();
        Availability availability = availability(serviceId).orElseThrow();
        assertThat(availability.slots()).extracting(s -> s.sessionId() + "=" + s.openSpots())
                .containsExactly(morning + "=2", evening + "=3");
        assertThat(service(serviceId)).get().extracting(s -> s.sessions().size()).isEqualTo(2);
        assertThat(appointments(haircut).orElseThrow().slots()).filteredOn(s -> !s.bookable())
                .extracting(Slot::start).containsExactly(nine.plusSeconds(5400), nine.plusSeconds(7200),
                        nine.plusSeconds(9000));
        assertThat(availability(course).orElseThrow().slots()).extracting(Slot::openSpots).containsExactly(1);
        assertThat(service(course)).get().extracting(s -> s.sessions().size()).isEqualTo(2);
        assertThat(checkoutOptions(course).options()).containsExactly(
                CheckoutOptions.Option.of(PaymentOption.IN_PERSON), CheckoutOptions.Option.membership(plan, "Course pass", 2));

        // when every processor is stopped and its tokens reset
        for (String group : ALL_GROUPS) {
            StreamingEventProcessor processor = processor(group);
            processor.shutDown();
            assertThat(processor.isRunning()).as("%s stopped", group).isFalse();
            processor.resetTokens();
        }

        // then the reset handlers emptied the read models before any event is replayed
        for (String table : READ_MODEL_TABLES) {
            assertThat(jdbc.queryForObject("select count(*) from " + table, Long.class)).as("rows in %s", table)
                    .isZero();
        }
        assertThat(booking(paid)).isEmpty();
        assertThat(allBookings().total()).isZero();
        assertThat(services().items()).isEmpty();
        assertThat(service(serviceId)).isEmpty();
        assertThat(availability(serviceId)).isEmpty();

        // when the processors start again and replay the whole store
        ALL_GROUPS.forEach(group -> processor(group).start());
        awaitProjections();

        // then every read model answers exactly as before, row for row
        Map<String, Object> after = readModels();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((question, answer) -> assertThat(after.get(question)).as(question).isEqualTo(answer));
        // and each processor reports its replay done once it has caught up with the store
        ALL_GROUPS.forEach(group -> await(group + " replay done").atMost(Duration.ofSeconds(10))
                .until(() -> !processor(group).isReplaying()));
    }

    /** Everything a dashboard can ask, answered now: all bookings, the catalogue, availability of each service. */
    private Map<String, Object> readModels() {
        Map<String, Object> answers = new LinkedHashMap<>();
        BookingPage bookings = allBookings();
        assertThat(bookings.items()).hasSize((int) bookings.total());
        answers.put("bookings", bookings);
        answers.put("bookings by start desc", queryGateway.query(new ListBookingsQuery(null, null, null, null, null,
                0, 10_000, "start,desc"), ResponseTypes.instanceOf(BookingPage.class)).join());
        ServiceList services = services();
        answers.put("services", services);
        for (ServiceView service : services.items()) {
            answers.put("availability of " + service.serviceId(), service.type() == ServiceType.APPOINTMENT
                    ? appointments(service.serviceId()) : availability(service.serviceId()));
            answers.put("service " + service.serviceId(), service(service.serviceId()));
            answers.put("checkout options of " + service.serviceId(), checkoutOptions(service.serviceId()));
        }
        for (BookingView booking : bookings.items()) {
            answers.put("booking " + booking.bookingId(), booking(booking.bookingId()));
        }
        return answers;
    }

    private String book(String serviceId, String sessionId, Instant start, int participants, BookingStatus status,
                        PaymentStatus paymentStatus) {
        String bookingId = id("booking");
        publish(SESSION_AGGREGATE, sessionId, new SeatsReservedEvent(sessionId, serviceId, bookingId, participants));
        publish(BOOKING_AGGREGATE, bookingId, new BookingCreatedEvent(bookingId, serviceId, "Rebuild Yoga",
                ServiceType.CLASS, sessionId, start, start.plus(Duration.ofHours(1)), participants,
                new ContactDetails(id("contact"), "Grace", "Hopper", "grace@example.com", null, null),
                Map.of("experience", "advanced"),
                new PaymentDetails(PaymentOption.ONLINE, "card", null, null, Money.of("25", "EUR").times(participants),
                        Money.of("25", "EUR").times(participants)),
                status, paymentStatus, false,
                new BookingTerms("Europe/Paris", Money.of("25", "EUR"), false, policy(60, 30))));
        return bookingId;
    }

    private CheckoutOptions checkoutOptions(String serviceId) {
        return queryGateway.query(new CheckoutOptionsQuery(serviceId, MEMBER),
                ResponseTypes.optionalInstanceOf(CheckoutOptions.class)).join().orElseThrow();
    }

    private BookingPage allBookings() {
        return queryGateway.query(new ListBookingsQuery(null, null, null, null, null, 0, 10_000, "createdAt"),
                ResponseTypes.instanceOf(BookingPage.class)).join();
    }

    private Optional<BookingView> booking(String bookingId) {
        return queryGateway.query(new FindBookingQuery(bookingId), ResponseTypes.optionalInstanceOf(BookingView.class))
                .join();
    }

    private ServiceList services() {
        return queryGateway.query(new ListServicesQuery(), ResponseTypes.instanceOf(ServiceList.class)).join();
    }

    private Optional<ServiceView> service(String serviceId) {
        return queryGateway.query(new FindServiceQuery(serviceId), ResponseTypes.optionalInstanceOf(ServiceView.class))
                .join();
    }

    /** An appointment service's slots are computed per day, so its window is a few weeks, not a century. */
    private Optional<Availability> appointments(String serviceId) {
        return queryGateway.query(new AvailabilityQuery(serviceId, NOW, NOW.plus(Duration.ofDays(30)), 1, NOW),
                ResponseTypes.optionalInstanceOf(Availability.class)).join();
    }

    private Optional<Availability> availability(String serviceId) {
        return queryGateway.query(new AvailabilityQuery(serviceId, Instant.parse("2000-01-01T00:00:00Z"),
                        Instant.parse("2100-01-01T00:00:00Z"), 1, NOW),
                ResponseTypes.optionalInstanceOf(Availability.class)).join();
    }
}

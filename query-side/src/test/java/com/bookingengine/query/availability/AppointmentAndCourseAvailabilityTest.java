package com.bookingengine.query.availability;

import com.bookingengine.api.availability.Availability;
import com.bookingengine.api.availability.AvailabilityCheck;
import com.bookingengine.api.availability.AvailabilityQuery;
import com.bookingengine.api.availability.CheckAvailabilityQuery;
import com.bookingengine.api.availability.PolicyViolations;
import com.bookingengine.api.availability.Slot;
import com.bookingengine.api.booking.AppointmentTimeReleasedEvent;
import com.bookingengine.api.booking.AppointmentTimeReservedEvent;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.CourseSessionsScheduledEvent;
import com.bookingengine.api.catalogue.FindServiceQuery;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.Provider;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.catalogue.ServiceView;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import com.bookingengine.api.catalogue.SessionView;
import com.bookingengine.api.catalogue.WorkingHours;
import com.bookingengine.api.common.Money;
import com.bookingengine.query.ProjectionTestSupport;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Appointment slots computed from working hours minus held time, and a course shown as one slot. */
class AppointmentAndCourseAvailabilityTest extends ProjectionTestSupport {

    private static final Instant NOW = Instant.parse("2031-05-20T08:00:00Z");
    /** Monday 2 June 2031 in Paris (summer time, +02:00). */
    private static final String MONDAY = "2031-06-02T";

    private static Instant at(String localTime) {
        return OffsetDateTime.parse(MONDAY + localTime + "+02:00").toInstant();
    }

    private List<Slot> slots(String serviceId) {
        return queryGateway.query(new AvailabilityQuery(serviceId, at("00:00"), at("23:59"), 1, NOW),
                ResponseTypes.optionalInstanceOf(Availability.class)).join().orElseThrow().slots();
    }

    private AvailabilityCheck check(String serviceId, String sessionId, Instant start, Instant end) {
        return queryGateway.query(new CheckAvailabilityQuery(serviceId, sessionId, start, end, 1, NOW),
                ResponseTypes.optionalInstanceOf(AvailabilityCheck.class)).join().orElseThrow();
    }

    private static List<String> free(List<Slot> slots) {
        return slots.stream().filter(Slot::bookable)
                .map(s -> s.start().atOffset(java.time.ZoneOffset.ofHours(2)).toLocalTime().toString()).toList();
    }

    @Test
    void heldTimeAndBuffersTakeSlotsOutOfTheGridAndReleasingGivesThemBack() {
        // given Mondays 09:00-12:00 in 30-minute slots with a 30-minute buffer after each appointment
        String serviceId = id("haircut");
        publishService(appointmentService(serviceId, 30, 30));
        awaitProjections();
        assertThat(free(slots(serviceId))).containsExactly("09:00", "09:30", "10:00", "10:30", "11:00", "11:30");

        // when 10:00-10:30 is booked: the provider's day holds 10:00-11:00
        String dayId = serviceId + "@2031-06-02";
        publish("ProviderDay", dayId, new AppointmentTimeReservedEvent(dayId, serviceId, "b-1", at("10:00"), at("11:00")));
        awaitProjections();

        // then 10:00 and 10:30 (inside the held time) and 09:30 (its own buffer would run into 10:00) are taken,
        // and stay listed, not bookable
        List<Slot> slots = slots(serviceId);
        assertThat(slots).hasSize(6);
        assertThat(free(slots)).containsExactly("09:00", "11:00", "11:30");
        assertThat(slots.get(2)).isEqualTo(new Slot(at("10:00"), at("10:30"), null, 0, 1, false, 0,
                new PolicyViolations(false, false)));
        assertThat(check(serviceId, null, at("09:30"), at("10:00")).reason()).isEqualTo("full");
        assertThat(check(serviceId, null, at("11:00"), at("11:30")).available()).isTrue();
        assertThat(check(serviceId, null, at("11:15"), at("11:45")).reason()).isEqualTo("notASlot");
        assertThat(check(serviceId, null, at("11:00"), at("12:00")).reason()).isEqualTo("notASlot");

        // when the booking is canceled
        publish("ProviderDay", dayId, new AppointmentTimeReleasedEvent(dayId, serviceId, "b-1", at("10:00"), at("11:00")));
        awaitProjections();
        // then every slot is free again
        assertThat(free(slots(serviceId))).hasSize(6);
    }

    @Test
    void eachSlotCountsTheProvidersWhoseHoursHaveItAndTheOnesFreeForIt() {
        // given Anna working the service's 09:00-12:00 and Ben only 10:00-11:00, no buffer
        String serviceId = id("salon");
        ServiceCreatedEvent plain = appointmentService(serviceId, 30, 0);
        AppointmentSchedule staffed = new AppointmentSchedule(plain.schedule().workingHours(), 30, List.of(
                new Provider("anna", "Anna", null, false), new Provider("ben", "Ben", List.of(
                        new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(10, 0), LocalTime.of(11, 0))), false)));
        publishService(new ServiceCreatedEvent(serviceId, plain.name(), ServiceType.APPOINTMENT, plain.timeZone(),
                plain.location(), plain.price(), plain.paymentOptions(), false, List.of(), plain.policy(), 1, staffed));
        // when Ben holds 10:00-10:30
        String bensDay = serviceId + "/ben@2031-06-02";
        publish("ProviderDay", bensDay, new AppointmentTimeReservedEvent(bensDay, serviceId, "b-1", at("10:00"),
                at("10:30"), "ben"));
        awaitProjections();

        // then 10:00 has one of two providers open, 10:30 two of two, 09:00 one of one
        List<Slot> slots = slots(serviceId);
        assertThat(slots).extracting(Slot::start).containsExactly(at("09:00"), at("09:30"), at("10:00"), at("10:30"),
                at("11:00"), at("11:30"));
        assertThat(slots).extracting(Slot::openSpots).containsExactly(1, 1, 1, 2, 1, 1);
        assertThat(slots).extracting(Slot::totalSpots).containsExactly(1, 1, 2, 2, 1, 1);
        // and narrowed to Ben, only his hours, his 10:00 taken
        List<Slot> bens = queryGateway.query(new AvailabilityQuery(serviceId, at("00:00"), at("23:59"), 1, NOW, "ben"),
                ResponseTypes.optionalInstanceOf(Availability.class)).join().orElseThrow().slots();
        assertThat(free(bens)).containsExactly("10:30");
        assertThat(queryGateway.query(new CheckAvailabilityQuery(serviceId, null, at("10:00"), at("10:30"), 1, NOW,
                "anna"), ResponseTypes.optionalInstanceOf(AvailabilityCheck.class)).join().orElseThrow().available())
                .isTrue();

        // when Ben retires, he no longer counts
        publish(SERVICE_AGGREGATE, serviceId, new ServiceUpdatedEvent(serviceId, plain.name(), null, plain.price(),
                plain.paymentOptions(), false, List.of(), plain.policy(), 1, new AppointmentSchedule(
                staffed.workingHours(), 30, List.of(staffed.providers().get(0), staffed.providers().get(1).retired(true)))));
        awaitProjections();
        assertThat(slots(serviceId)).extracting(Slot::totalSpots).containsOnly(1);
    }

    @Test
    void timeHeldAndReleasedInOneCommitIsFreeAndTimeHeldAfterItIsTaken() {
        // given an appointment service whose time is held, given back and held again for another booking, in one
        // commit (one batch, one transaction)
        String serviceId = id("nails");
        String dayId = serviceId + "@2031-06-02";
        publishTogether(List.of(
                event(SERVICE_AGGREGATE, serviceId, appointmentService(serviceId, 60, 0)),
                event("ProviderDay", dayId, new AppointmentTimeReservedEvent(dayId, serviceId, "b-1", at("09:00"),
                        at("10:00"))),
                event("ProviderDay", dayId, new AppointmentTimeReleasedEvent(dayId, serviceId, "b-1", at("09:00"),
                        at("10:00"))),
                event("ProviderDay", dayId, new AppointmentTimeReservedEvent(dayId, serviceId, "b-2", at("10:00"),
                        at("11:00")))));
        awaitProjections();
        // then only the second booking's hour is taken
        assertThat(free(slots(serviceId))).containsExactly("09:00", "11:00");
    }

    @Test
    void newWorkingHoursMoveTheGridWhileHeldTimeStays() {
        String serviceId = id("massage");
        ServiceCreatedEvent created = appointmentService(serviceId, 60, 0);
        publishService(created);
        String dayId = serviceId + "@2031-06-02";
        publish("ProviderDay", dayId, new AppointmentTimeReservedEvent(dayId, serviceId, "b-1", at("10:00"), at("11:00")));

        // when the owner moves the hours to 10:30-12:30
        publish(SERVICE_AGGREGATE, serviceId, new ServiceUpdatedEvent(serviceId, created.name(), null, created.price(),
                created.paymentOptions(), false, List.of(), created.policy(), 1, new AppointmentSchedule(List.of(
                new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(10, 30), LocalTime.of(12, 30))), 60)));
        awaitProjections();

        // then the grid follows the new hours, and the booking's 10:00-11:00 still blocks 10:30
        List<Slot> slots = slots(serviceId);
        assertThat(slots).extracting(Slot::start).containsExactly(at("10:30"), at("11:30"));
        assertThat(free(slots)).containsExactly("11:30");
        // and the catalogue shows the new hours
        ServiceView view = queryGateway.query(new FindServiceQuery(serviceId),
                ResponseTypes.optionalInstanceOf(ServiceView.class)).join().orElseThrow();
        assertThat(view.workingHours()).containsExactly(
                new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(10, 30), LocalTime.of(12, 30)));
        assertThat(view.slotMinutes()).isEqualTo(60);
    }

    @Test
    void aCourseIsOneSlotFromItsFirstStartToItsLastEndAndTheCatalogueListsItsSessions() {
        // given a course of two evenings with 4 seats, 3 of them taken
        String serviceId = id("french");
        String courseId = serviceId + ":course";
        publishService(new ServiceCreatedEvent(serviceId, "French", ServiceType.COURSE, "Europe/Paris", "Room 2",
                Money.of("120", "EUR"), EnumSet.of(PaymentOption.IN_PERSON), false, List.of(), policy(0, 365), 4,
                null));
        publishSession(new SessionScheduledEvent(courseId, serviceId, at("18:00"), at("20:00").plus(Duration.ofDays(7)), 4));
        publish(SESSION_AGGREGATE, courseId, new CourseSessionsScheduledEvent(courseId, serviceId, List.of(
                new CourseSessionsScheduledEvent.Meeting("w1", at("18:00"), at("20:00")),
                new CourseSessionsScheduledEvent.Meeting("w2", at("18:00").plus(Duration.ofDays(7)),
                        at("20:00").plus(Duration.ofDays(7))))));
        publish(SESSION_AGGREGATE, courseId, new SeatsReservedEvent(courseId, serviceId, "b-1", 3));
        awaitProjections();

        // then availability shows one slot spanning both evenings
        Availability availability = queryGateway.query(new AvailabilityQuery(serviceId, at("00:00"),
                at("00:00").plus(Duration.ofDays(30)), 1, NOW), ResponseTypes.optionalInstanceOf(Availability.class))
                .join().orElseThrow();
        assertThat(availability.slots()).containsExactly(new Slot(at("18:00"), at("20:00").plus(Duration.ofDays(7)),
                courseId, 1, 4, true, 0, new PolicyViolations(false, false)));
        assertThat(check(serviceId, null, null, null)).isEqualTo(new AvailabilityCheck(true, 1, null));
        assertThat(check(serviceId, courseId, null, null).openSpots()).isEqualTo(1);
        // and the catalogue lists the two dated sessions (not the seat pool), each showing the course's capacity
        ServiceView view = queryGateway.query(new FindServiceQuery(serviceId),
                ResponseTypes.optionalInstanceOf(ServiceView.class)).join().orElseThrow();
        assertThat(view.sessions()).containsExactly(new SessionView("w1", at("18:00"), at("20:00"), 4),
                new SessionView("w2", at("18:00").plus(Duration.ofDays(7)), at("20:00").plus(Duration.ofDays(7)), 4));
    }
}

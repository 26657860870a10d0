package com.bookingengine.platform.upcasting;

import com.bookingengine.api.booking.AppointmentTimeReservedEvent;
import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingRescheduledEvent;
import com.bookingengine.api.booking.ProviderDayOpenedEvent;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.Provider;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.catalogue.WorkingHours;
import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored before appointment services had providers, in the JSON they were written in (no {@code providers}
 * in a schedule, no {@code providerId} on booking and provider-day events), read through the engine's event
 * serializer as today's records meaning what they meant then: one implicit provider, whose id is null, working the
 * service's hours. No upcaster is needed: the new fields default; this test pins that they do.
 */
class ProviderlessEventShapesTest {

    private final Serializer events = new AxonMessagingConfiguration().eventSerializer();

    private static final String OLD_SCHEDULE = "{\"workingHours\":[{\"day\":\"MONDAY\",\"start\":\"09:00:00\","
            + "\"end\":\"12:00:00\"}],\"slotMinutes\":30}";

    @Test
    void anAppointmentServiceCreatedBeforeProvidersHasOneImplicitProvider() {
        String old = "{\"serviceId\":\"cut\",\"name\":\"Haircut\",\"type\":\"APPOINTMENT\",\"timeZone\":\"Europe/Berlin\","
                + "\"location\":null,\"price\":{\"amount\":\"30.00\",\"currency\":\"EUR\"},\"paymentOptions\":"
                + "[\"IN_PERSON\"],\"requiresApproval\":false,\"formFields\":[],\"policy\":{\"minNoticeMinutes\":0,"
                + "\"maxAdvanceDays\":365,\"cancellationWindowMinutes\":0,\"maxParticipantsPerBooking\":1,"
                + "\"waitlistCapacity\":0,\"bufferMinutes\":10,\"checkoutTimeoutMinutes\":15},\"capacity\":1,"
                + "\"schedule\":" + OLD_SCHEDULE + "}";

        ServiceCreatedEvent read = read(ServiceCreatedEvent.class, "2", old);

        AppointmentSchedule schedule = read.schedule();
        assertThat(schedule.providers()).isEmpty();
        assertThat(schedule.staff()).containsExactly(Provider.IMPLICIT);
        assertThat(schedule.activeStaff()).containsExactly(Provider.IMPLICIT);
        assertThat(schedule.workingHours()).containsExactly(
                new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)));
        assertThat(schedule.of(Provider.IMPLICIT).workingHours()).isEqualTo(schedule.workingHours());
    }

    @Test
    void anUpdateWrittenBeforeProvidersKeepsTheImplicitProvider() {
        String old = "{\"serviceId\":\"cut\",\"name\":\"Haircut\",\"location\":null,\"price\":{\"amount\":\"30.00\","
                + "\"currency\":\"EUR\"},\"paymentOptions\":[\"IN_PERSON\"],\"requiresApproval\":false,"
                + "\"formFields\":[],\"policy\":null,\"capacity\":1,\"schedule\":" + OLD_SCHEDULE + "}";

        assertThat(read(ServiceUpdatedEvent.class, "2", old).schedule().staff()).containsExactly(Provider.IMPLICIT);
    }

    @Test
    void bookingAndProviderDayEventsWrittenBeforeProvidersNameNone() {
        String created = "{\"bookingId\":\"b-1\",\"serviceId\":\"cut\",\"serviceName\":\"Haircut\",\"serviceType\":"
                + "\"APPOINTMENT\",\"sessionId\":null,\"start\":\"2026-12-07T08:00:00Z\",\"end\":\"2026-12-07T08:30:00Z\","
                + "\"participants\":1,\"contact\":null,\"formInfo\":{},\"payment\":null,\"status\":\"CONFIRMED\","
                + "\"paymentStatus\":\"NOT_PAID\",\"waitlisted\":false,\"terms\":null}";
        String rescheduled = "{\"bookingId\":\"b-1\",\"previousSessionId\":null,\"sessionId\":null,\"start\":"
                + "\"2026-12-07T09:00:00Z\",\"end\":\"2026-12-07T09:30:00Z\",\"status\":\"CONFIRMED\","
                + "\"paymentStatus\":\"NOT_PAID\"}";
        String opened = "{\"dayId\":\"cut@2026-12-07\",\"serviceId\":\"cut\",\"date\":\"2026-12-07\","
                + "\"timeZone\":\"Europe/Berlin\"}";
        String reserved = "{\"dayId\":\"cut@2026-12-07\",\"serviceId\":\"cut\",\"bookingId\":\"b-1\","
                + "\"from\":\"2026-12-07T08:00:00Z\",\"to\":\"2026-12-07T08:40:00Z\"}";

        BookingCreatedEvent booking = read(BookingCreatedEvent.class, "2", created);
        assertThat(booking.providerId()).isNull();
        assertThat(booking.start()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(read(BookingRescheduledEvent.class, "1", rescheduled).providerId()).isNull();
        assertThat(read(ProviderDayOpenedEvent.class, "1", opened).providerId()).isNull();
        assertThat(read(AppointmentTimeReservedEvent.class, "1", reserved)).isEqualTo(new AppointmentTimeReservedEvent(
                "cut@2026-12-07", "cut", "b-1", Instant.parse("2026-12-07T08:00:00Z"),
                Instant.parse("2026-12-07T08:40:00Z"), null));
    }

    @Test
    void todaysShapeRoundTripsItsProviders() {
        Provider anna = new Provider("anna", "Anna", List.of(new WorkingHours(DayOfWeek.TUESDAY, LocalTime.of(10, 0),
                LocalTime.of(14, 0))), false);
        Provider room = new Provider("room-2", "Room 2", null, true);
        AppointmentSchedule schedule = new AppointmentSchedule(List.of(new WorkingHours(DayOfWeek.MONDAY,
                LocalTime.of(9, 0), LocalTime.of(12, 0))), 30, List.of(anna, room));
        var written = events.serialize(schedule, byte[].class);
        AppointmentSchedule read = events.deserialize(written);
        assertThat(read).isEqualTo(schedule);
        assertThat(read.activeStaff()).containsExactly(anna);
    }

    private <T> T read(Class<T> type, String revision, String json) {
        return events.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class,
                type.getName(), revision));
    }
}

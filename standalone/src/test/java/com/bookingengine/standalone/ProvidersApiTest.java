package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.bookingengine.standalone.Api.hours;
import static com.bookingengine.standalone.Checks.badField;
import static com.bookingengine.standalone.Checks.conflict;
import static com.bookingengine.standalone.Checks.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff and resources over HTTP (SPEC §3 APPOINTMENT providers, §4): a service lists its providers, availability
 * counts the providers free for each slot (narrowed with {@code providerId}), a booking takes the named provider or
 * the fairest free one and records it, moves keep their provider when free, lists filter by provider, and a
 * provider retired by {@code PUT /services/{id}} keeps its bookings and takes no new ones.
 */
class ProvidersApiTest extends EngineTest {

    private static final String BERLIN = "Europe/Berlin";

    private static LocalDate nextWeek() {
        return LocalDate.now(ZoneId.of(BERLIN)).plusDays(8);
    }

    /** 09:00-12:00 on {@code day}'s weekday: Anna works it all, Ben only 10:00-11:00. */
    private static Api.AppointmentFixture salon(LocalDate day) {
        return api.createAppointmentService(BERLIN, List.of(hours(day.getDayOfWeek(), "09:00", "12:00")), 30,
                Map.of("policy", Map.of("maxAdvanceDays", 400), "providers", List.of(
                        Map.of("providerId", "anna", "name", "Anna"),
                        Map.of("providerId", "ben", "name", "Ben",
                                "workingHours", List.of(hours(day.getDayOfWeek(), "10:00", "11:00"))))));
    }

    private static Api.Response book(Api.AppointmentFixture service, Instant start, String providerId) {
        Map<String, Object> body = Api.appointment(service, start);
        if (providerId != null) {
            body.put("providerId", providerId);
        }
        return api.post(Api.BOOKER, "/bookings", body);
    }

    /** The UIDs of the events of the service's calendar feed, all providers' or one's. */
    private static List<String> calendarUids(String serviceId, String providerId) {
        java.net.http.HttpResponse<String> response = raw.send(raw.request("/api/v1/calendar/services/" + serviceId
                + ".ics" + (providerId == null ? "" : "?providerId=" + providerId))
                .header("Authorization", "Bearer " + Api.OWNER).header("Accept", "text/calendar"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().lines().filter(line -> line.startsWith("UID:")).map(line -> line.substring(4))
                .toList();
    }

    private static JsonNode read(String bookingId) {
        return ok(api.get(Api.OWNER, "/bookings/" + bookingId), 200).body();
    }

    /** start → [openSpots, totalSpots] of the day's slots, optionally of one provider. */
    private static Map<Instant, List<Integer>> spots(Api.AppointmentFixture service, LocalDate day, String providerId) {
        Api.Response response = api.get(Api.BOOKER, "/availability?serviceId=" + service.serviceId() + "&from="
                + day.atStartOfDay(service.zone()).toInstant() + "&to="
                + day.plusDays(1).atStartOfDay(service.zone()).toInstant()
                + (providerId == null ? "" : "&providerId=" + providerId));
        ok(response, 200);
        Map<Instant, List<Integer>> spots = new HashMap<>();
        response.body().path("slots").forEach(slot -> spots.put(Instant.parse(slot.path("start").asText()),
                List.of(slot.path("openSpots").asInt(), slot.path("totalSpots").asInt())));
        return spots;
    }

    @Test
    void availabilityCountsTheProvidersFreeForEachSlotAndBookingsTakeTheNamedOrTheFairestFreeOne() {
        LocalDate day = nextWeek();
        Api.AppointmentFixture service = salon(day);
        Instant nine = service.at(day, "09:00");
        Instant ten = service.at(day, "10:00");

        // the catalogue lists both providers; availability counts who works each slot
        JsonNode read = ok(api.get(Api.BOOKER, "/services/" + service.serviceId()), 200).body();
        List<String> listed = new ArrayList<>();
        read.path("providers").forEach(p -> listed.add(p.path("providerId").asText() + ":" + p.path("name").asText()));
        assertThat(listed).containsExactly("anna:Anna", "ben:Ben");
        assertThat(spots(service, day, null)).containsEntry(nine, List.of(1, 1)).containsEntry(ten, List.of(2, 2))
                .hasSize(6);
        assertThat(spots(service, day, "ben")).containsOnlyKeys(ten, service.at(day, "10:30"));

        // any available at 10:00: both have no booking that day, so the first in order (Anna)
        String first = ok(book(service, ten, null), 201).text("bookingId");
        assertThat(read(first).path("providerId").asText()).isEqualTo("anna");
        assertThat(spots(service, day, null)).containsEntry(ten, List.of(1, 2));
        // Ben named at 10:00; then nobody is left
        String second = ok(book(service, ten, "ben"), 201).text("bookingId");
        assertThat(read(second).path("providerId").asText()).isEqualTo("ben");
        conflict(book(service, ten, null), "capacity");
        conflict(book(service, ten, "anna"), "capacity");
        JsonNode check = ok(api.post(Api.BOOKER, "/availability/check", Map.of("serviceId", service.serviceId(),
                "start", ten.toString(), "end", service.endOf(ten).toString())), 200).body();
        assertThat(check.path("available").asBoolean()).isFalse();
        assertThat(check.path("openSpots").asInt()).isZero();
        JsonNode annaAtNine = ok(api.post(Api.BOOKER, "/availability/check", Map.of("serviceId",
                service.serviceId(), "start", nine.toString(), "end", service.endOf(nine).toString(),
                "providerId", "anna")), 200).body();
        assertThat(annaAtNine.path("available").asBoolean()).isTrue();

        // lists filter by provider
        JsonNode bens = ok(api.get(Api.OWNER, "/bookings?serviceId=" + service.serviceId() + "&providerId=ben"), 200)
                .body();
        assertThat(bens.path("total").asInt()).isEqualTo(1);
        assertThat(bens.path("items").get(0).path("bookingId").asText()).isEqualTo(second);
        // and so does the calendar feed: a provider's own calendar holds only that provider's bookings
        assertThat(calendarUids(service.serviceId(), "ben")).containsExactly(second + "@booking-engine");
        assertThat(calendarUids(service.serviceId(), "anna")).containsExactly(first + "@booking-engine");
        assertThat(calendarUids(service.serviceId(), null)).containsExactlyInAnyOrder(first + "@booking-engine",
                second + "@booking-engine");

        // a move keeps its provider when free (Anna at 11:00), else takes the one named (Ben at 10:30)
        ok(api.post(Api.BOOKER, "/bookings/" + first + "/reschedule", Map.of("start", service.at(day, "11:00")
                .toString(), "end", service.endOf(service.at(day, "11:00")).toString())), 200);
        assertThat(read(first).path("providerId").asText()).isEqualTo("anna");
        ok(api.post(Api.BOOKER, "/bookings/" + second + "/reschedule", Map.of("start", service.at(day, "10:30")
                .toString(), "end", service.endOf(service.at(day, "10:30")).toString(), "providerId", "ben")), 200);
        assertThat(read(second).path("providerId").asText()).isEqualTo("ben");
        assertThat(spots(service, day, null)).containsEntry(ten, List.of(2, 2));
    }

    @Test
    void aRetiredProviderKeepsItsBookingsAndTakesNoNewOnesAndANewOneCountsAtOnce() {
        LocalDate day = nextWeek();
        Api.AppointmentFixture service = salon(day);
        Instant ten = service.at(day, "10:00");
        String bens = ok(book(service, ten, "ben"), 201).text("bookingId");

        // the owner retires Ben (leaves him out) and adds Cleo
        Map<String, Object> update = new HashMap<>(Map.of("name", "Haircut", "price", Map.of("amount", "30.00",
                "currency", "EUR"), "paymentOptions", List.of("IN_PERSON", "ONLINE"), "policy",
                Map.of("maxAdvanceDays", 400), "providers", List.of(Map.of("providerId", "anna", "name", "Anna"),
                        Map.of("providerId", "cleo", "name", "Cleo"))));
        ok(api.send(Api.OWNER, "PUT", "/services/" + service.serviceId(), update, Map.of()), 200);

        JsonNode read = ok(api.get(Api.BOOKER, "/services/" + service.serviceId()), 200).body();
        List<String> staff = new ArrayList<>();
        read.path("providers").forEach(p -> staff.add(p.path("providerId").asText() + ":"
                + p.path("retired").asBoolean()));
        assertThat(staff).containsExactly("anna:false", "cleo:false", "ben:true");
        assertThat(read(bens).path("providerId").asText()).isEqualTo("ben");
        assertThat(read(bens).path("status").asText()).isEqualTo("CONFIRMED");
        conflict(book(service, service.at(day, "10:30"), "ben"), "providerRetired");
        assertThat(spots(service, day, null)).containsEntry(ten, List.of(2, 2))
                .containsEntry(service.at(day, "09:00"), List.of(2, 2));
        assertThat(spots(service, day, "ben")).isEmpty();

        // Ben's booking can still be canceled; his time goes back
        ok(api.post(Api.OWNER, "/bookings/" + bens + "/cancel", Map.of()), 200);
        assertThat(read(bens).path("status").asText()).isEqualTo("CANCELED");
    }

    @Test
    void providersAreRefusedNamingTheFieldWhereTheyDoNotBelong() {
        LocalDate day = nextWeek();
        Api.AppointmentFixture service = salon(day);
        Instant ten = service.at(day, "10:00");

        badField(book(service, ten, "dora"), "providerId");
        badField(api.get(Api.BOOKER, "/availability?serviceId=" + service.serviceId() + "&from=" + ten + "&to="
                + ten.plusSeconds(3600) + "&providerId=dora"), "providerId");
        badField(book(service, service.at(day, "09:00"), "ben"), "start"); // not a slot of Ben's
        Map<String, Object> twice = new HashMap<>(Map.of("name", "Twice", "type", "APPOINTMENT", "timeZone", BERLIN,
                "price", Map.of("amount", "30.00", "currency", "EUR"), "paymentOptions", List.of("IN_PERSON"),
                "workingHours", List.of(hours(day.getDayOfWeek(), "09:00", "12:00")),
                "providers", List.of(Map.of("providerId", "x", "name", "X"), Map.of("providerId", "x", "name", "Y"))));
        badField(api.post(Api.OWNER, "/services", twice), "providers");
        Map<String, Object> classWithStaff = new HashMap<>(Map.of("name", "Yoga", "type", "CLASS", "timeZone", BERLIN,
                "price", Map.of("amount", "30.00", "currency", "EUR"), "paymentOptions", List.of("IN_PERSON"),
                "providers", List.of(Map.of("providerId", "x", "name", "X"))));
        badField(api.post(Api.OWNER, "/services", classWithStaff), "providers");
        Map<String, Object> noId = new HashMap<>(Map.of("name", "Haircut", "price", Map.of("amount", "30.00",
                "currency", "EUR"), "paymentOptions", List.of("IN_PERSON"),
                "providers", List.of(Map.of("name", "Nameless"))));
        badField(api.send(Api.OWNER, "PUT", "/services/" + service.serviceId(), noId, Map.of()),
                "providers[0].providerId");
    }

    @Test
    void aServiceWithoutProvidersHasItsOneImplicitProviderAsBefore() {
        LocalDate day = nextWeek();
        Api.AppointmentFixture service = api.createAppointmentService(BERLIN,
                List.of(hours(day.getDayOfWeek(), "09:00", "12:00")), 30, Map.of());
        Instant ten = service.at(day, "10:00");

        assertThat(spots(service, day, null)).containsEntry(ten, List.of(1, 1));
        String booked = ok(book(service, ten, null), 201).text("bookingId");
        JsonNode read = read(booked);
        assertThat(read.path("providerId").isNull() || read.path("providerId").isMissingNode()).isTrue();
        conflict(book(service, ten, null), "capacity");
        assertThat(spots(service, day, null)).containsEntry(ten, List.of(0, 1));
    }
}

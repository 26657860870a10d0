package com.bookingengine.standalone;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.bookingengine.standalone.Checks.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/calendar/services/{serviceId}.ics}: the owner's calendar subscription, read back with ical4j's
 * parser as a calendar application would.
 */
class CalendarFeedApiTest extends EngineTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    @Test
    void theFeedHoldsPendingAndConfirmedBookingsInTheServicesTimeZoneWithStableUids() throws Exception {
        // given a class in Berlin that needs approval, 2 seats and a waitlist, and three customers
        Api.ClassFixture session = api.createClass(2, Map.of("requiresApproval", true, "timeZone", "Europe/Berlin",
                "policy", Map.of("waitlistCapacity", 2)));
        String first = book(session, "Ada", "Lovelace", false);
        String second = book(session, "Grace", "Hopper", false);
        String waiting = book(session, "Alan", "Turing", true);

        // then the feed shows the two holding seats, tentative, and not the waitlisted one
        Map<String, VEvent> before = events(feed(session.serviceId()));
        assertThat(before.keySet()).containsExactlyInAnyOrder(first + "@booking-engine", second + "@booking-engine");
        assertThat(text(before.get(first + "@booking-engine"), Property.STATUS)).isEqualTo("TENTATIVE");

        // when the owner confirms the first and cancels the second (which promotes the waitlisted one)
        ok(api.post(Api.OWNER, "/bookings/" + first + "/confirm", Map.of("expectedRevision", 1)), 200);
        ok(api.post(Api.OWNER, "/bookings/" + second + "/cancel", Map.of("reason", "studio closed")), 200);

        // then the canceled booking is gone, the confirmed one says so with its revision as SEQUENCE
        String text = feed(session.serviceId());
        Map<String, VEvent> after = events(text);
        assertThat(after.keySet()).containsExactlyInAnyOrder(first + "@booking-engine", waiting + "@booking-engine");
        VEvent confirmed = after.get(first + "@booking-engine");
        assertThat(text(confirmed, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(text(confirmed, Property.SEQUENCE)).isEqualTo("2");
        assertThat(text(confirmed, Property.SUMMARY)).isEqualTo("Yoga – Ada Lovelace");
        assertThat(confirmed.getProperty(Property.DTSTAMP)).isPresent();
        VEvent promoted = after.get(waiting + "@booking-engine");
        assertThat(text(promoted, Property.STATUS)).isEqualTo("TENTATIVE");
        assertThat(text(promoted, Property.SUMMARY)).isEqualTo("Yoga – Alan Turing");

        // and times are in the service's zone: a VTIMEZONE for it, DTSTART with its TZID at the local wall time
        Calendar calendar = parse(text);
        List<VTimeZone> zones = calendar.getComponents("VTIMEZONE");
        assertThat(zones).hasSize(1);
        assertThat(text(zones.get(0), Property.TZID)).isEqualTo("Europe/Berlin");
        DtStart<?> start = confirmed.getProperty(Property.DTSTART).map(p -> (DtStart<?>) p).orElseThrow();
        assertThat(start.getParameter("TZID").map(Object::toString)).hasValue("TZID=Europe/Berlin");
        ZonedDateTime berlin = session.start().atZone(ZoneId.of("Europe/Berlin"));
        assertThat(start.getValue()).isEqualTo(LOCAL.format(berlin));
        assertThat(Instant.from(start.getDate())).isEqualTo(session.start());
        Temporal end = confirmed.getEndDate().orElseThrow().getDate();
        assertThat(Instant.from(end)).isEqualTo(session.start().plus(1, ChronoUnit.HOURS));

        // and a second fetch of the unchanged bookings is the same feed, UIDs included
        assertThat(feed(session.serviceId())).isEqualTo(text);
    }

    @Test
    void everyTzidHasItsVtimezoneAlsoForAZoneKnownByAnotherName() throws Exception {
        // given a class whose zone ical4j knows by its canonical name (UTC is Etc/UTC), with one booking
        Api.ClassFixture session = api.createClass(2, Map.of("timeZone", "UTC"));
        book(session, "Ada", "Lovelace", false);

        // then the event's TZID is the VTIMEZONE's, and the times are right
        Calendar calendar = parse(feed(session.serviceId()));
        List<VTimeZone> zones = calendar.getComponents("VTIMEZONE");
        assertThat(zones).hasSize(1);
        VEvent event = (VEvent) calendar.getComponents("VEVENT").get(0);
        DtStart<?> start = event.getProperty(Property.DTSTART).map(p -> (DtStart<?>) p).orElseThrow();
        assertThat(start.getParameter("TZID").map(p -> ((net.fortuna.ical4j.model.Parameter) p).getValue()))
                .hasValue(text(zones.get(0), Property.TZID));
        assertThat(Instant.from(start.getDate())).isEqualTo(session.start());
    }

    @Test
    void unknownServicesBadIdsAndOtherRolesAreRefused() {
        Api.Response unknown = api.get(Api.OWNER, "/calendar/services/no-such-service.ics");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.text("detail")).contains("no-such-service");

        Api.ClassFixture session = api.createClass(2, Map.of());
        Api.Response badProvider = api.get(Api.OWNER, "/calendar/services/" + session.serviceId() + ".ics?providerId=%07");
        assertThat(badProvider.status()).isEqualTo(400);
        assertThat(badProvider.text("field")).isEqualTo("providerId");
        assertThat(raw.send(raw.request("/api/v1/calendar/services/" + session.serviceId() + ".ics?providerId=p-1")
                .header("Authorization", "Bearer " + Api.OWNER)).statusCode()).isEqualTo(200);

        assertThat(api.get(Api.BOOKER, "/calendar/services/" + session.serviceId() + ".ics").status()).isEqualTo(403);
        assertThat(api.get(Api.AUDITOR, "/calendar/services/" + session.serviceId() + ".ics").status()).isEqualTo(403);
        assertThat(api.get(null, "/calendar/services/" + session.serviceId() + ".ics").status()).isEqualTo(401);
    }

    private String book(Api.ClassFixture session, String firstName, String lastName, boolean waitlist) {
        Map<String, Object> body = Api.booking(session, "IN_PERSON");
        body.put("contact", Map.of("firstName", firstName, "lastName", lastName, "email", "x@example.com"));
        if (waitlist) {
            body.put("joinWaitlist", true);
        }
        Api.Response created = api.post(Api.BOOKER, "/bookings", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("bookingId");
    }

    private String feed(String serviceId) {
        HttpResponse<String> response = raw.send(raw.request("/api/v1/calendar/services/" + serviceId + ".ics")
                .header("Authorization", "Bearer " + Api.OWNER).header("Accept", "text/calendar"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/calendar");
        assertThat(response.body()).startsWith("BEGIN:VCALENDAR\r\n").contains("\r\nVERSION:2.0\r\n");
        return response.body();
    }

    private static Calendar parse(String text) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(text));
        ValidationResult validation = calendar.validate();
        assertThat(validation.hasErrors()).as(validation.toString()).isFalse();
        return calendar;
    }

    private static Map<String, VEvent> events(String text) throws Exception {
        List<VEvent> events = parse(text).getComponents("VEVENT");
        return events.stream().collect(Collectors.toMap(e -> text(e, Property.UID), Function.identity()));
    }

    private static String text(net.fortuna.ical4j.model.Component component, String property) {
        return component.getProperty(property).map(Property::getValue).orElse(null);
    }

}

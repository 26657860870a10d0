package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.bookingengine.standalone.Checks.badField;
import static com.bookingengine.standalone.Checks.conflict;
import static com.bookingengine.standalone.Checks.ok;
import static com.bookingengine.standalone.Checks.slots;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What dashboards read (SPEC §4 queries): the booking list with its filters, paging and sorting, the catalogue
 * with its sessions, and availability slots with open spots and policy verdicts.
 */
class ListingApiTest extends EngineTest {

    /** A whole hour ten days ahead: sessions are placed relative to it, so every test owns its times. */
    private static Instant base;

    @BeforeAll
    static void given() {
        base = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    }

    @Test
    void theListFiltersByServiceStatusAndContact() {
        // given two services, and bookings by two contacts in different states
        Service yoga = service("Yoga", 5, day(1), day(3));
        Service pilates = service("Pilates", 5, day(2));
        String x = "contact-" + UUID.randomUUID();
        String y = "contact-" + UUID.randomUUID();
        String xYoga = book(yoga, 0, x, "IN_PERSON");
        String yYoga = book(yoga, 1, y, "ONLINE");
        String xPilates = book(pilates, 0, x, "IN_PERSON");

        // then each filter, and their combination, finds exactly the matching bookings
        assertThat(ids("serviceId=" + yoga.id)).containsExactlyInAnyOrder(xYoga, yYoga);
        assertThat(ids("serviceId=" + yoga.id + "&status=PENDING_CHECKOUT")).containsExactly(yYoga);
        assertThat(ids("serviceId=" + yoga.id + "&status=CONFIRMED")).containsExactly(xYoga);
        assertThat(ids("contactId=" + x)).containsExactlyInAnyOrder(xYoga, xPilates);
        assertThat(ids("contactId=" + x + "&serviceId=" + pilates.id)).containsExactly(xPilates);
        assertThat(ids("contactId=" + y + "&status=CONFIRMED")).isEmpty();

        // and an item carries the booking's state
        JsonNode item = list("serviceId=" + pilates.id).path("items").get(0);
        assertThat(item.path("bookingId").asText()).isEqualTo(xPilates);
        assertThat(item.path("serviceName").asText()).isEqualTo("Pilates");
        assertThat(item.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(item.path("contact").path("contactId").asText()).isEqualTo(x);
    }

    @Test
    void theListFiltersByTheBookingsStart() {
        // given bookings of sessions one, two and three days after the base time
        Service yoga = service("Yoga", 5, day(1), day(2), day(3));
        String first = book(yoga, 0, "c-1", "IN_PERSON");
        String second = book(yoga, 1, "c-1", "IN_PERSON");
        String third = book(yoga, 2, "c-1", "IN_PERSON");
        String service = "serviceId=" + yoga.id;

        // then from and to select by start
        assertThat(ids(service + "&from=" + day(2))).containsExactlyInAnyOrder(second, third);
        assertThat(ids(service + "&to=" + day(2).plus(12, ChronoUnit.HOURS))).containsExactlyInAnyOrder(first, second);
        assertThat(ids(service + "&from=" + day(1).plus(12, ChronoUnit.HOURS) + "&to=" + day(2).plus(12,
                ChronoUnit.HOURS))).containsExactly(second);
        assertThat(ids(service + "&from=" + day(4))).isEmpty();
        // and a window that ends before it starts is refused
        badField(api.get(Api.OWNER, "/bookings?" + service + "&from=" + day(3) + "&to=" + day(1)), "to");
    }

    @Test
    void pagesCoverEveryBookingOnceWithoutOverlap() {
        // given five bookings of one session
        Service yoga = service("Yoga", 10, day(1));
        List<String> booked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            booked.add(book(yoga, 0, "c-" + i, "IN_PERSON"));
        }

        // when read in pages of two
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode answer = list("serviceId=" + yoga.id + "&size=2&page=" + page);
            // then each page says where it is and how many there are in all
            assertThat(answer.path("page").asInt()).isEqualTo(page);
            assertThat(answer.path("size").asInt()).isEqualTo(2);
            assertThat(answer.path("total").asInt()).isEqualTo(5);
            assertThat(answer.path("items")).hasSize(page < 2 ? 2 : 1);
            answer.path("items").forEach(item -> seen.add(item.path("bookingId").asText()));
        }

        // and together the pages hold every booking exactly once
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(booked);
        JsonNode beyond = list("serviceId=" + yoga.id + "&size=2&page=3");
        assertThat(beyond.path("items")).isEmpty();
        assertThat(beyond.path("total").asInt()).isEqualTo(5);
        // and without size, a page holds up to 20
        assertThat(list("serviceId=" + yoga.id).path("size").asInt()).isEqualTo(20);
    }

    @Test
    void theListSortsByStartAndByCreation() {
        // given bookings made in an order that differs from the order of their sessions
        Service yoga = service("Yoga", 5, day(1), day(2), day(3));
        String middle = book(yoga, 1, "c-1", "IN_PERSON");
        String last = book(yoga, 2, "c-1", "IN_PERSON");
        String first = book(yoga, 0, "c-1", "IN_PERSON");
        String service = "serviceId=" + yoga.id;

        // then the default is by start, and each sort key orders as asked
        assertThat(ids(service)).containsExactly(first, middle, last);
        assertThat(ids(service + "&sort=start")).containsExactly(first, middle, last);
        assertThat(ids(service + "&sort=start,desc")).containsExactly(last, middle, first);
        assertThat(ids(service + "&sort=createdAt")).containsExactly(middle, last, first);
        assertThat(ids(service + "&sort=createdAt,desc")).containsExactly(first, last, middle);
        JsonNode byStartDesc = list(service + "&sort=start,desc").path("items");
        assertThat(Instant.parse(byStartDesc.get(0).path("start").asText())).isEqualTo(day(3));
        assertThat(Instant.parse(byStartDesc.get(2).path("start").asText())).isEqualTo(day(1));
    }

    @Test
    void theCatalogueListsServicesWithTheirSessionsInStartOrder() {
        // given a service created with one session, then given two more, the last one earliest
        Service yoga = service("Yoga", 4, day(2));
        String later = addSession(yoga.id, day(3), 6);
        String earlier = addSession(yoga.id, day(1), null);

        // then GET /services lists it with its sessions ordered by start
        JsonNode items = ok(api.get(Api.BOOKER, "/services"), 200).body().path("items");
        JsonNode listed = null;
        for (JsonNode item : items) {
            if (item.path("serviceId").asText().equals(yoga.id)) {
                listed = item;
            }
        }
        assertThat(listed).as("service %s in %s", yoga.id, items).isNotNull();
        assertThat(listed.path("name").asText()).isEqualTo("Yoga");
        assertThat(listed.path("type").asText()).isEqualTo("CLASS");
        assertThat(listed.path("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(listed.path("price").path("amount").asText()).isEqualTo("20.00");
        assertThat(listed.path("price").path("currency").asText()).isEqualTo("EUR");
        JsonNode sessions = listed.path("sessions");
        assertThat(sessions).hasSize(3);
        assertThat(sessions.get(0).path("sessionId").asText()).isEqualTo(earlier);
        assertThat(sessions.get(1).path("sessionId").asText()).isEqualTo(yoga.sessions.get(0));
        assertThat(sessions.get(2).path("sessionId").asText()).isEqualTo(later);
        assertThat(Instant.parse(sessions.get(0).path("start").asText())).isEqualTo(day(1));
        assertThat(Instant.parse(sessions.get(0).path("end").asText())).isEqualTo(day(1).plus(1, ChronoUnit.HOURS));
        // the service's capacity is the default, a session's own capacity wins
        assertThat(sessions.get(0).path("capacity").asInt()).isEqualTo(4);
        assertThat(sessions.get(2).path("capacity").asInt()).isEqualTo(6);

        // and GET /services/{id} shows the same sessions
        JsonNode one = ok(api.get(Api.BOOKER, "/services/" + yoga.id), 200).body();
        assertThat(one.path("sessions")).isEqualTo(sessions);
    }

    @Test
    void availabilityShowsEverySlotInStartOrderWithItsSpots() {
        // given three sessions of three seats, created out of order; one full, one with two open
        Service yoga = service("Yoga", 3, day(3), day(1), day(2));
        Map<String, Object> full = booking(yoga, 1, "c-1", "IN_PERSON");
        full.put("participants", 3);
        ok(api.post(Api.BOOKER, "/bookings", full), 201);
        book(yoga, 2, "c-2", "IN_PERSON");

        // when availability is asked for one participant
        JsonNode slots = slots(api, yoga.id, base, day(4), 1);

        // then every session is a slot, ordered by start, the full one included but not bookable
        assertThat(slots).hasSize(3);
        assertSlot(slots.get(0), yoga.sessions.get(1), day(1), 0, false);
        assertSlot(slots.get(1), yoga.sessions.get(2), day(2), 2, true);
        assertSlot(slots.get(2), yoga.sessions.get(0), day(3), 3, true);
        for (JsonNode slot : slots) {
            assertThat(slot.path("totalSpots").asInt()).isEqualTo(3);
            assertThat(slot.path("policyViolations").path("tooEarlyToBook").asBoolean()).isFalse();
            assertThat(slot.path("policyViolations").path("tooLateToBook").asBoolean()).isFalse();
        }

        // when asked for three participants, then only the empty session is bookable
        JsonNode forThree = slots(api, yoga.id, base, day(4), 3);
        assertThat(forThree.get(0).path("bookable").asBoolean()).isFalse();
        assertThat(forThree.get(1).path("bookable").asBoolean()).isFalse();
        assertThat(forThree.get(1).path("openSpots").asInt()).isEqualTo(2);
        assertThat(forThree.get(2).path("bookable").asBoolean()).isTrue();
        // and booking three into the session with two open spots is refused, as availability said
        Map<String, Object> three = booking(yoga, 2, "c-3", "IN_PERSON");
        three.put("participants", 3);
        conflict(api.post(Api.BOOKER, "/bookings", three), "capacity");

        // and the window selects by start
        JsonNode second = slots(api, yoga.id, day(2), day(3), 1);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).path("sessionId").asText()).isEqualTo(yoga.sessions.get(2));
    }

    @Test
    void aSessionInsideTheMinimumNoticeIsTooLateToBook() {
        // given a session 7 days ahead of a service that closes bookings 20000 minutes (~13.9 days) before
        Api.ClassFixture session = api.createClass(4, Map.of("policy", Map.of("minNoticeMinutes", 20000)));

        // then its slot is too late to book and not bookable, though every seat is open
        JsonNode slot = Checks.slot(api, session);
        assertThat(slot.path("openSpots").asInt()).isEqualTo(4);
        assertThat(slot.path("policyViolations").path("tooLateToBook").asBoolean()).isTrue();
        assertThat(slot.path("policyViolations").path("tooEarlyToBook").asBoolean()).isFalse();
        assertThat(slot.path("bookable").asBoolean()).isFalse();
        // and a booking is refused for that reason
        conflict(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")), "tooLateToBook");
    }

    @Test
    void aSessionBeyondTheMaximumAdvanceIsTooEarlyToBook() {
        // given a session 7 days ahead of a service that opens bookings 3 days before
        Api.ClassFixture session = api.createClass(4, Map.of("policy", Map.of("maxAdvanceDays", 3)));

        // then its slot is too early to book and not bookable, and a booking is refused
        JsonNode slot = Checks.slot(api, session);
        assertThat(slot.path("policyViolations").path("tooEarlyToBook").asBoolean()).isTrue();
        assertThat(slot.path("policyViolations").path("tooLateToBook").asBoolean()).isFalse();
        assertThat(slot.path("bookable").asBoolean()).isFalse();
        conflict(api.post(Api.BOOKER, "/bookings", Api.booking(session, "IN_PERSON")), "tooEarlyToBook");
    }

    /** A CLASS service and the ids of its sessions, in the order they were given. */
    private record Service(String id, List<String> sessions) {
    }

    private static Instant day(int days) {
        return base.plus(days, ChronoUnit.DAYS);
    }

    /** Creates a CLASS service with one-hour sessions at {@code starts}. */
    private static Service service(String name, int capacity, Instant... starts) {
        String serviceId = "svc-" + UUID.randomUUID();
        List<Map<String, Object>> sessions = new ArrayList<>();
        List<String> sessionIds = new ArrayList<>();
        for (Instant start : starts) {
            String sessionId = "ses-" + UUID.randomUUID();
            sessionIds.add(sessionId);
            sessions.add(Map.of("sessionId", sessionId, "start", start.toString(),
                    "end", start.plus(1, ChronoUnit.HOURS).toString()));
        }
        Map<String, Object> body = new HashMap<>(Map.of("serviceId", serviceId, "name", name, "type", "CLASS",
                "timeZone", "Europe/Berlin", "price", Map.of("amount", "20.00", "currency", "EUR"),
                "paymentOptions", List.of("IN_PERSON", "ONLINE"), "capacity", capacity, "sessions", sessions));
        Api.Response created = ok(api.post(Api.OWNER, "/services", body), 201);
        assertThat(created.text("serviceId")).isEqualTo(serviceId);
        return new Service(serviceId, sessionIds);
    }

    private static String addSession(String serviceId, Instant start, Integer capacity) {
        Map<String, Object> body = new HashMap<>(Map.of("start", start.toString(),
                "end", start.plus(1, ChronoUnit.HOURS).toString()));
        if (capacity != null) {
            body.put("capacity", capacity);
        }
        Api.Response added = ok(api.post(Api.OWNER, "/services/" + serviceId + "/sessions", body), 201);
        assertThat(added.body().path("sessionIds")).hasSize(1);
        return added.body().path("sessionIds").get(0).asText();
    }

    private static Map<String, Object> booking(Service service, int session, String contactId, String option) {
        Map<String, Object> body = new HashMap<>(Map.of("serviceId", service.id,
                "sessionId", service.sessions.get(session), "participants", 1,
                "contact", Map.of("contactId", contactId, "firstName", "Ada", "lastName", "Lovelace",
                        "email", "ada@example.com"),
                "payment", Map.of("option", option)));
        return body;
    }

    private static String book(Service service, int session, String contactId, String option) {
        return ok(api.post(Api.BOOKER, "/bookings", booking(service, session, contactId, option)), 201)
                .text("bookingId");
    }

    private static JsonNode list(String query) {
        return ok(api.get(Api.OWNER, "/bookings?" + query), 200).body();
    }

    private static List<String> ids(String query) {
        List<String> ids = new ArrayList<>();
        JsonNode answer = list(query);
        answer.path("items").forEach(item -> ids.add(item.path("bookingId").asText()));
        assertThat(answer.path("total").asInt()).as("total of %s", query).isEqualTo(ids.size());
        return ids;
    }

    private static void assertSlot(JsonNode slot, String sessionId, Instant start, int open, boolean bookable) {
        assertThat(slot.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(Instant.parse(slot.path("start").asText())).isEqualTo(start);
        assertThat(Instant.parse(slot.path("end").asText())).isEqualTo(start.plus(1, ChronoUnit.HOURS));
        assertThat(slot.path("openSpots").asInt()).isEqualTo(open);
        assertThat(slot.path("bookable").asBoolean()).isEqualTo(bookable);
    }
}

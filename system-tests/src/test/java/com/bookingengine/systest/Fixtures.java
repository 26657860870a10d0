package com.bookingengine.systest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Services to book and create-booking bodies, in the shapes of SPEC §4 (as the standalone HTTP tests send them). */
final class Fixtures {

    private Fixtures() {
    }

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A class service and its sessions (id to capacity), in creation order. */
    record ClassService(String serviceId, List<String> sessionIds, Map<String, Integer> capacities, Instant from,
                        Instant to) {
    }

    /**
     * Creates a CLASS service priced 20.00 EUR (in person or online) with one session per entry of
     * {@code capacities}, a day apart, the first one {@code daysAhead} days from now; {@code policy} may be null.
     */
    static ClassService classService(Http owner, int daysAhead, List<Integer> capacities, Map<String, Object> policy) {
        String serviceId = "cls-" + UUID.randomUUID();
        Instant first = Instant.now().plus(daysAhead, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<Map<String, Object>> sessions = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < capacities.size(); i++) {
            String sessionId = serviceId + "-s" + i;
            Instant start = first.plus(i, ChronoUnit.DAYS);
            sessions.add(Map.of("sessionId", sessionId, "start", start.toString(),
                    "end", start.plus(1, ChronoUnit.HOURS).toString(), "capacity", capacities.get(i)));
            ids.add(sessionId);
            byId.put(sessionId, capacities.get(i));
        }
        Map<String, Object> body = new HashMap<>(Map.of(
                "serviceId", serviceId, "name", "Yoga " + serviceId.substring(4, 10), "type", "CLASS",
                "timeZone", BERLIN.getId(), "price", Map.of("amount", "20.00", "currency", "EUR"),
                "paymentOptions", List.of("IN_PERSON", "ONLINE"), "sessions", sessions));
        if (policy != null) {
            body.put("policy", policy);
        }
        created(owner.post(Cluster.OWNER, "/services", body), "class service");
        return new ClassService(serviceId, ids, byId, first.minus(1, ChronoUnit.HOURS),
                first.plus(capacities.size(), ChronoUnit.DAYS));
    }

    /** A course: one seat pool of {@code capacity} over three sessions a week apart. */
    record Course(String serviceId, Instant start, Instant end) {
        String poolId() {
            return serviceId + ":course";
        }
    }

    static Course course(Http owner, int capacity, int daysAhead) {
        String serviceId = "crs-" + UUID.randomUUID();
        Instant first = Instant.now().plus(daysAhead, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant start = first.plus(7L * i, ChronoUnit.DAYS);
            sessions.add(Map.of("sessionId", serviceId + "-" + (i + 1), "start", start.toString(),
                    "end", start.plus(2, ChronoUnit.HOURS).toString()));
        }
        created(owner.post(Cluster.OWNER, "/services", Map.of(
                "serviceId", serviceId, "name", "Pottery course", "type", "COURSE", "timeZone", BERLIN.getId(),
                "price", Map.of("amount", "90.00", "currency", "EUR"),
                "paymentOptions", List.of("IN_PERSON", "ONLINE"), "capacity", capacity, "sessions", sessions)),
                "course");
        return new Course(serviceId, first, first.plus(14, ChronoUnit.DAYS).plus(2, ChronoUnit.HOURS));
    }

    /** An appointment service of one provider working 09:00-17:00 on {@code day}, with 30-minute slots. */
    record Appointments(String serviceId, LocalDate day, int slotMinutes) {
        Instant at(String localTime) {
            return ZonedDateTime.of(day, LocalTime.parse(localTime), BERLIN).toInstant();
        }

        Instant from() {
            return day.atStartOfDay(BERLIN).toInstant();
        }

        Instant to() {
            return day.plusDays(2).atStartOfDay(BERLIN).toInstant();
        }
    }

    static Appointments appointments(Http owner, int daysAhead, int bufferMinutes) {
        String serviceId = "apt-" + UUID.randomUUID();
        LocalDate day = LocalDate.now(BERLIN).plusDays(daysAhead);
        DayOfWeek weekday = day.getDayOfWeek();
        created(owner.post(Cluster.OWNER, "/services", Map.of(
                "serviceId", serviceId, "name", "Haircut", "type", "APPOINTMENT", "timeZone", BERLIN.getId(),
                "price", Map.of("amount", "30.00", "currency", "EUR"),
                "paymentOptions", List.of("IN_PERSON", "ONLINE"),
                "workingHours", List.of(Map.of("day", weekday.name(), "start", "09:00", "end", "17:00")),
                "slotMinutes", 30, "policy", Map.of("maxAdvanceDays", 400, "bufferMinutes", bufferMinutes))),
                "appointment service");
        return new Appointments(serviceId, day, 30);
    }

    static final Map<String, Object> CONTACT = Map.of("contactId", "c-sys", "firstName", "Ada",
            "lastName", "Lovelace", "email", "ada@example.com");

    /** A create body for a class session, with a fresh client-chosen booking id. */
    static Map<String, Object> sessionBooking(String serviceId, String sessionId, String option) {
        return new HashMap<>(Map.of("bookingId", UUID.randomUUID().toString(), "serviceId", serviceId,
                "sessionId", sessionId, "participants", 1, "contact", CONTACT, "payment", Map.of("option", option)));
    }

    static Map<String, Object> courseBooking(Course course) {
        return new HashMap<>(Map.of("bookingId", UUID.randomUUID().toString(), "serviceId", course.serviceId(),
                "participants", 1, "contact", CONTACT, "payment", Map.of("option", "IN_PERSON")));
    }

    static Map<String, Object> appointmentBooking(Appointments service, Instant start) {
        return new HashMap<>(Map.of("bookingId", UUID.randomUUID().toString(), "serviceId", service.serviceId(),
                "start", start.toString(), "end", start.plus(service.slotMinutes(), ChronoUnit.MINUTES).toString(),
                "participants", 1, "contact", CONTACT, "payment", Map.of("option", "IN_PERSON")));
    }

    private static void created(Http.Response response, String what) {
        if (response.status() != 201) {
            throw new AssertionError(what + " not created: " + response);
        }
    }
}

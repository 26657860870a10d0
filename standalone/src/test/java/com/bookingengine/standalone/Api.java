package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

/** A small real-HTTP client for tests: every call goes over the socket to the started engine. */
final class Api {

    static final String OWNER = "dev-owner";
    static final String BOOKER = "dev-booker";
    static final String PAYMENTS = "dev-payments";
    static final String AUDITOR = "dev-auditor";
    static final String OPERATOR = "dev-operator";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port + "/api/v1";
    }

    /** A status, the response's content type and its JSON body (null when empty). */
    record Response(int status, String contentType, JsonNode body) {
        String text(String field) {
            JsonNode node = body.path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }
    }

    Response get(String key, String path) {
        return send(key, "GET", path, null, Map.of());
    }

    Response post(String key, String path, Object body) {
        return send(key, "POST", path, body, Map.of());
    }

    Response send(String key, String method, String path, Object body, Map<String, String> headers) {
        try {
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a CLASS service with one session of {@code capacity} seats starting in {@code daysAhead} days. */
    ClassFixture createClass(int capacity, Map<String, Object> extra) {
        String serviceId = "svc-" + UUID.randomUUID();
        String sessionId = "ses-" + UUID.randomUUID();
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        var body = new java.util.HashMap<String, Object>(Map.of(
                "serviceId", serviceId, "name", "Yoga", "type", "CLASS", "timeZone", "Europe/Berlin",
                "price", Map.of("amount", "20.00", "currency", "EUR"),
                "paymentOptions", java.util.List.of("IN_PERSON", "ONLINE"), "capacity", capacity,
                "sessions", java.util.List.of(Map.of("sessionId", sessionId, "start", start.toString(),
                        "end", start.plus(1, ChronoUnit.HOURS).toString()))));
        body.putAll(extra);
        Response created = post(OWNER, "/services", body);
        if (created.status() != 201) {
            throw new IllegalStateException("service not created: " + created);
        }
        return new ClassFixture(serviceId, sessionId, start);
    }

    record ClassFixture(String serviceId, String sessionId, Instant start) {
    }

    /** A valid create-booking body for {@code session}, paying {@code option}. */
    static Map<String, Object> booking(ClassFixture session, String option) {
        return new java.util.HashMap<>(Map.of(
                "serviceId", session.serviceId(), "sessionId", session.sessionId(), "participants", 1,
                "contact", CONTACT, "payment", Map.of("option", option)));
    }

    private static final Map<String, Object> CONTACT = Map.of("contactId", "c-1", "firstName", "Ada",
            "lastName", "Lovelace", "email", "ada@example.com");

    /**
     * Creates an APPOINTMENT service in {@code timeZone} with weekly {@code workingHours} (see {@link #hours}) and
     * slots of {@code slotMinutes}, bookable up to 400 days ahead; {@code extra} adds or replaces fields (a
     * {@code policy} given there replaces that default).
     */
    AppointmentFixture createAppointmentService(String timeZone, List<Map<String, Object>> workingHours,
                                                int slotMinutes, Map<String, Object> extra) {
        String serviceId = "appt-" + UUID.randomUUID();
        var body = new HashMap<String, Object>(Map.of(
                "serviceId", serviceId, "name", "Haircut", "type", "APPOINTMENT", "timeZone", timeZone,
                "price", Map.of("amount", "30.00", "currency", "EUR"),
                "paymentOptions", List.of("IN_PERSON", "ONLINE"), "workingHours", workingHours,
                "slotMinutes", slotMinutes, "policy", Map.of("maxAdvanceDays", 400)));
        body.putAll(extra);
        Response created = post(OWNER, "/services", body);
        if (created.status() != 201) {
            throw new IllegalStateException("service not created: " + created);
        }
        return new AppointmentFixture(serviceId, ZoneId.of(timeZone), slotMinutes);
    }

    /** An appointment service: its id, time zone and slot length. */
    record AppointmentFixture(String serviceId, ZoneId zone, int slotMinutes) {

        /** The instant of local {@code time} on {@code date} in the service's zone (the earlier one if it is twice). */
        Instant at(LocalDate date, String time) {
            return ZonedDateTime.of(date, LocalTime.parse(time), zone).toInstant();
        }

        Instant endOf(Instant start) {
            return start.plus(slotMinutes, ChronoUnit.MINUTES);
        }
    }

    /** One entry of working hours, as {@code POST /services} takes it. */
    static Map<String, Object> hours(DayOfWeek day, String start, String end) {
        return Map.of("day", day.name(), "start", start, "end", end);
    }

    /** A valid create-booking body for the appointment slot starting at {@code start}, paid in person. */
    static Map<String, Object> appointment(AppointmentFixture service, Instant start) {
        return new HashMap<>(Map.of("serviceId", service.serviceId(), "start", start.toString(),
                "end", service.endOf(start).toString(), "participants", 1, "contact", CONTACT,
                "payment", Map.of("option", "IN_PERSON")));
    }

    /**
     * Creates a COURSE of {@code capacity} seats with three sessions of two hours, a week apart, the first in
     * {@code daysAhead} days (sent out of order: the course sorts them).
     */
    CourseFixture createCourse(int capacity, int daysAhead, Map<String, Object> extra) {
        String serviceId = "course-" + UUID.randomUUID();
        Instant first = Instant.now().plus(daysAhead, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<CourseFixture.Meeting> meetings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant start = first.plus(7L * i, ChronoUnit.DAYS);
            meetings.add(new CourseFixture.Meeting(serviceId + "-" + (i + 1), start, start.plus(2, ChronoUnit.HOURS)));
        }
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (int i : new int[]{1, 0, 2}) {
            CourseFixture.Meeting m = meetings.get(i);
            sessions.add(Map.of("sessionId", m.sessionId(), "start", m.start().toString(), "end", m.end().toString()));
        }
        var body = new HashMap<String, Object>(Map.of(
                "serviceId", serviceId, "name", "Pottery course", "type", "COURSE", "timeZone", "Europe/Berlin",
                "price", Map.of("amount", "90.00", "currency", "EUR"),
                "paymentOptions", List.of("IN_PERSON", "ONLINE"), "capacity", capacity, "sessions", sessions));
        body.putAll(extra);
        Response created = post(OWNER, "/services", body);
        if (created.status() != 201) {
            throw new IllegalStateException("course not created: " + created);
        }
        return new CourseFixture(serviceId, List.copyOf(meetings));
    }

    /** A course and its sessions in start order. */
    record CourseFixture(String serviceId, List<Meeting> meetings) {

        record Meeting(String sessionId, Instant start, Instant end) {
        }

        /** The id of the course's one slot (and seat pool). */
        String courseId() {
            return serviceId + ":course";
        }

        Instant start() {
            return meetings.get(0).start();
        }

        Instant end() {
            return meetings.get(meetings.size() - 1).end();
        }
    }

    /** A valid create-booking body for a whole course (no session named), paid in person. */
    static Map<String, Object> courseBooking(CourseFixture course) {
        return new HashMap<>(Map.of("serviceId", course.serviceId(), "participants", 1, "contact", CONTACT,
                "payment", Map.of("option", "IN_PERSON")));
    }
}

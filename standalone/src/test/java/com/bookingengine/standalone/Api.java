package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
                "contact", Map.of("contactId", "c-1", "firstName", "Ada", "lastName", "Lovelace",
                        "email", "ada@example.com"),
                "payment", Map.of("option", option)));
    }
}

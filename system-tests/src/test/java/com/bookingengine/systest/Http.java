package com.bookingengine.systest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A small HTTP client for one node's {@code /api/v1}. A connection failure (a node that was just killed, or is not
 * up yet) is not an exception but a {@link Response} with status {@link #UNKNOWN}: the outcome of such a call is
 * unknown to the client, which is exactly what a real client would see.
 */
final class Http {

    static final int UNKNOWN = -1;
    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String base;

    Http(Node node) {
        this.base = node.baseUrl() + "/api/v1";
    }

    /** A status, the content type, the body as JSON (null node when empty or not JSON), and why it failed. */
    record Response(int status, String contentType, JsonNode body, String error, Map<String, List<String>> headers) {

        Response(int status, String contentType, JsonNode body, String error) {
            this(status, contentType, body, error, Map.of());
        }

        /** The first value of a response header, or null. */
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        String text(String field) {
            JsonNode node = body.path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status == UNKNOWN ? "no answer (" + error + ")" : status + " " + contentType + " " + body;
        }
    }

    Response get(String key, String path) {
        return send(key, "GET", path, null);
    }

    Response post(String key, String path, Object body) {
        return send(key, "POST", path, body);
    }

    Response send(String key, String method, String path, Object body) {
        return send(key, method, path, body, Map.of());
    }

    /** A request with these extra request headers. */
    Response send(String key, String method, String path, Object body, Map<String, String> headers) {
        String text;
        try {
            text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Response(UNKNOWN, "", JSON.nullNode(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(UNKNOWN, "", JSON.nullNode(), "interrupted");
        }
        JsonNode json;
        try {
            json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.getNodeFactory().textNode(response.body());
        }
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json,
                null, response.headers().map());
    }
}

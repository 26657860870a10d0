package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client over real HTTP, reading the stream line by line as a browser's EventSource does:
 * {@code event:}, {@code id:}, {@code data:} lines up to a blank line make one event; {@code :} lines are comments.
 */
final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One event, or a comment (then only {@code comment} is set). */
    record Event(String id, String event, String data, String comment) {
        long position() {
            return Long.parseLong(id);
        }

        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final int status;
    final String contentType;
    final String body;
    private final InputStream stream;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private SseClient(HttpResponse<InputStream> response) throws IOException {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.stream = response.body();
        if (status != 200) {
            this.body = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            return;
        }
        this.body = null;
        Thread reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code path} (under /api/v1) with {@code key} as a bearer token (none when null) and extra headers. */
    static SseClient open(int port, String key, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .header("Accept", "text/event-stream").GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static SseClient open(int port, String key, String path) {
        return open(port, key, path, Map.of());
    }

    /** A refused stream's answer (status, content type, JSON body), for the assertions of {@link Checks}. */
    Api.Response refusal() {
        try {
            return new Api.Response(status, contentType, body == null || body.isEmpty() ? JSON.nullNode()
                    : JSON.readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next event (comments skipped), or null after {@code timeout}. */
    Event next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null || event.comment() == null) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next comment line, or null after {@code timeout} (events before it are dropped). */
    String nextComment(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null || event.comment() != null) {
                    return event == null ? null : event.comment();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Events (not comments) received within {@code quiet} of each other from now. */
    List<Event> drain(Duration quiet) {
        List<Event> all = new ArrayList<>();
        for (Event event = next(quiet); event != null; event = next(quiet)) {
            all.add(event);
        }
        return all;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString(), null));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, null, null, line.substring(1)));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String part = line.substring(5);
                    data = data == null ? new StringBuilder(part) : data.append('\n').append(part);
                }
            }
        } catch (IOException closed) {
            // the stream ended or close() dropped it
        }
    }

    /** Drops the connection, as a client that goes away does. */
    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException ignored) {
            // gone already
        }
    }
}

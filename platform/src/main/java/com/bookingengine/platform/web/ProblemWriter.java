package com.bookingengine.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Writes an RFC 9457 problem where no controller advice reaches (servlet filters, the security firewall, the error
 * page, Tomcat's own refusals), and keeps every problem, wherever it is written, within {@link #MAX_TEXT} characters
 * per text: details, the instance path and properties echo what the client sent, and a 7,000-character id must not
 * come back as a 14 KB answer.
 */
public final class ProblemWriter {

    /** The longest detail, instance or text property a problem carries; longer ones end in an ellipsis. */
    public static final int MAX_TEXT = 300;

    /** Spring's mixin writes a problem's properties as top-level members, as its message converters do. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ProblemWriter() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                             String detail) throws IOException {
        write(request, response, ProblemDetail.forStatusAndDetail(status, detail));
    }

    /**
     * Writes {@code problem} as the whole answer (anything buffered but not yet sent is dropped) and logs a client
     * error as one line. Does nothing once the response is committed: the client already has its status.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        String path = ProblemErrorController.originalPath(request);
        if (problem.getInstance() == null) {
            problem.setInstance(instance(path));
        }
        capped(problem);
        ClientErrors.log(request.getMethod(), path, problem);
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(MAPPER.writeValueAsBytes(problem));
        response.flushBuffer();
    }

    /** The problem as JSON text, for writers outside the servlet API (Tomcat's error report valve). */
    static String json(ProblemDetail problem) throws IOException {
        return MAPPER.writeValueAsString(capped(problem));
    }

    /** A problem for {@code status} whose detail is {@code detail}, or the status's own phrase when there is none. */
    static ProblemDetail forStatus(int status, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatusCode.valueOf(status));
        problem.setDetail(detail == null || detail.isBlank() ? (known == null ? "Error " + status
                : known.getReasonPhrase()) : detail);
        return problem;
    }

    /** Caps the detail, the instance and every text property of {@code problem} (in place) and returns it. */
    public static ProblemDetail capped(ProblemDetail problem) {
        problem.setDetail(cap(problem.getDetail()));
        problem.setTitle(cap(problem.getTitle()));
        if (problem.getInstance() != null && problem.getInstance().toString().length() > MAX_TEXT) {
            problem.setInstance(instance(problem.getInstance().toString()));
        }
        Map<String, Object> properties = problem.getProperties();
        if (properties != null) {
            properties.replaceAll((name, value) -> value instanceof String text ? cap(text) : value);
        }
        return problem;
    }

    /** {@code text} cut to {@link #MAX_TEXT} characters, the last one an ellipsis when anything was cut. */
    public static String cap(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        int end = MAX_TEXT - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** The request path as a problem's {@code instance}: capped, and left out when it is no valid URI reference. */
    static URI instance(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        String capped = path.length() <= MAX_TEXT ? path : path.substring(0, MAX_TEXT - 3) + "...";
        try {
            return URI.create(capped);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

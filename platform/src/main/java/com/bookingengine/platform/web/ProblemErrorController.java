package com.bookingengine.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;
import java.util.UUID;

/**
 * The container's error page ({@code /error}, in place of Boot's JSON without a detail), answered as problem+json:
 * what reaches it is a status set with {@code sendError} before or outside Spring MVC, or an exception nothing else
 * handled. Called directly there is no error to report: 404.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            ProblemWriter.write(request, response, HttpStatus.NOT_FOUND, "No endpoint at this path");
            return;
        }
        ProblemWriter.write(request, response, problemFor(request));
    }

    /**
     * The problem for the error the container is dispatching: its status and message, or for a 5xx an incident id
     * logged with the failure's stack trace.
     */
    public static ProblemDetail problemFor(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        ProblemDetail problem;
        if (status >= 500) {
            String incident = UUID.randomUUID().toString();
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            log.error("Unexpected failure, incident {} ({} {})", incident, ClientErrors.safe(request.getMethod()),
                    ClientErrors.safe(originalPath(request)), failure instanceof Throwable t ? t : null);
            problem = ProblemWriter.forStatus(status, "Unexpected failure; the server log holds incident " + incident);
            problem.setProperty("incident", incident);
        } else {
            Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            String detail = message instanceof String text && !text.isBlank() ? text
                    : status == 404 ? "No endpoint at this path" : null;
            problem = ProblemWriter.forStatus(status, detail);
        }
        problem.setInstance(ProblemWriter.instance(originalPath(request)));
        return problem;
    }

    /** The path the client asked for, also while the container dispatches to the error page. */
    static String originalPath(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
            return path;
        }
        return request.getRequestURI();
    }
}

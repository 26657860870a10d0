package com.bookingengine.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;

/**
 * The log of refused requests: one INFO line per 4xx answer, never a stack trace (the client's mistake is no
 * incident; 5xx are logged with their stack trace and incident id where they happen). Its own logger, so operators
 * can quieten it alone: {@code logging.level.com.bookingengine.platform.web.ClientErrors=warn}.
 */
public final class ClientErrors {

    private static final Logger log = LoggerFactory.getLogger(ClientErrors.class);
    private static final int MAX_LOGGED = 200;

    private ClientErrors() {
    }

    static void log(String method, String path, ProblemDetail problem) {
        if (problem.getStatus() >= 400 && problem.getStatus() < 500 && log.isInfoEnabled()) {
            log.info("{} {} answered {}: {}", safe(method), safe(path), problem.getStatus(),
                    safe(problem.getDetail()));
        }
    }

    /** Capped, and without line breaks or other control characters: what a client sent cannot forge log lines. */
    static String safe(String text) {
        if (text == null) {
            return "-";
        }
        String cut = text.length() <= MAX_LOGGED ? text : text.substring(0, MAX_LOGGED) + "…";
        StringBuilder clean = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }
}

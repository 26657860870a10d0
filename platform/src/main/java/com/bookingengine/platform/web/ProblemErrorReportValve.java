package com.bookingengine.platform.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.io.Writer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own refusals as problem+json instead of its HTML page: requests it turns away before any filter or
 * servlet runs (an encoded {@code /}, {@code \} or NUL in the path, a request line or headers over
 * {@code server.max-http-request-header-size}, a malformed request line), and any error status that reaches the
 * host with nothing written. Tomcat's order of checks is kept: nothing below 400, nothing once a body was written,
 * each error reported once.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    /** Public and without arguments: {@code StandardHost} may instantiate its error valve by class name. */
    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String path = request.getRequestURI();
        ProblemDetail problem;
        if (status >= 500) {
            String incident = UUID.randomUUID().toString();
            log.error("Unexpected failure, incident {} ({} {})", incident, ClientErrors.safe(request.getMethod()),
                    ClientErrors.safe(path), throwable);
            problem = ProblemWriter.forStatus(status, "Unexpected failure; the server log holds incident " + incident);
            problem.setProperty("incident", incident);
        } else {
            problem = ProblemWriter.forStatus(status, detail(status, response.getMessage()));
        }
        problem.setInstance(ProblemWriter.instance(path));
        ClientErrors.log(request.getMethod(), path, problem);
        try {
            String body = ProblemWriter.json(problem);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response closed under us: nobody is left to answer.
        }
    }

    private static String detail(int status, String message) {
        if (message != null && !message.isBlank()) {
            return message;
        }
        return status == 400 ? "The request could not be read: its request line or headers are malformed, or "
                + "larger than this server accepts" : null;
    }

    /**
     * Puts the valve in place of every other error report valve on the host (Boot adds one of its own), after Boot's
     * customizers have run.
     */
    public static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemErrorReportValve());
                if (host instanceof StandardHost standard) {
                    // Else the host adds Tomcat's own valve again when it starts.
                    standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}

package com.bookingengine.platform.security;

import com.bookingengine.platform.web.ProblemErrorController;
import com.bookingengine.platform.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;

/**
 * Answers what Spring Security's firewall refuses ({@code ;}, {@code //}, {@code /../}, an encoded {@code %} or
 * {@code .}, control characters, an unknown method) as a 400 problem naming what was refused, where Spring would
 * send an error page without a detail. While the container dispatches its error page for a request it already
 * refused (TRACE: 405), that refusal is answered: the firewall only sees the same request again.
 */
class FirewallRejections implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejection)
            throws IOException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            ProblemWriter.write(request, response, ProblemErrorController.problemFor(request));
            return;
        }
        ProblemWriter.write(request, response, HttpStatus.BAD_REQUEST, rejection.getMessage());
    }
}

package com.bookingengine.platform.web;

import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is a sensible token, else a
 * new UUID. It is echoed in the response and recorded on every event the request causes.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final String ATTRIBUTE = CorrelationIdFilter.class.getName();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(AxonMessagingConfiguration.CORRELATION_HEADER);
        String correlationId = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, correlationId);
        response.setHeader(AxonMessagingConfiguration.CORRELATION_HEADER, correlationId);
        chain.doFilter(request, response);
    }

    /** The current request's correlation id, or a fresh one outside a request. */
    public static String current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object id = attributes == null ? null : attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return id == null ? UUID.randomUUID().toString() : id.toString();
    }
}

package com.bookingengine.query.opspage;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The operations page ({@code static/index.html} and {@code static/ops/}, served by Spring's static resources) may
 * load scripts, styles and images only from this server and talk to no one else: a strict Content-Security-Policy on
 * the page and its files, so no injected markup can run code or send the API key anywhere. The page renders every
 * value as text and has no inline script or style, which is what lets the policy be this strict.
 */
public class OperationsPageHeaders extends OncePerRequestFilter {

    /** The page and its files, answered without an API key (QuerySideAccess). */
    public static final String[] PAGE_PATHS = {"/", "/index.html", "/ops/**"};

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/") || path.equals("/index.html") || path.startsWith("/ops/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}

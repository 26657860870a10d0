package com.bookingengine.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Media-type headers Spring MVC cannot take, refused as problems before they reach it: a wildcard
 * {@code Content-Type} ({@code *}{@code /*}, {@code application/*}) makes Spring fail with a 500 as soon as a body is
 * read, and an {@code Accept} that does not parse leaves every answer, refusals included, without a body (no media
 * type can be chosen to write it in).
 */
public class MediaTypeHeadersFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && wildcard(contentType)) {
            ProblemWriter.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type names a range of media types, not the body's: send application/json");
            return;
        }
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        try {
            MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "Header 'Accept' is not a list of media types, such as application/json");
            problem.setProperty("field", HttpHeaders.ACCEPT);
            ProblemWriter.write(request, response, problem);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean wildcard(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false; // Spring MVC refuses it as a 415 problem by itself
        }
    }
}

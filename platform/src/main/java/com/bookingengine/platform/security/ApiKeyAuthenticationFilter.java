package com.bookingengine.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Authenticates {@code Authorization: Bearer <key>} against the configured keys; on the live streams
 * ({@code /api/v1/stream/**}) also {@code ?access_token=<key>}, for browsers' EventSource.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final List<ApiKeyProperties.ApiKey> keys;
    /** Each key's roles as authorities, built once rather than on every request. */
    private final Map<ApiKeyProperties.ApiKey, List<GrantedAuthority>> authorities = new IdentityHashMap<>();
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyAuthenticationFilter(List<ApiKeyProperties.ApiKey> keys, AuthenticationEntryPoint entryPoint) {
        this.keys = keys;
        this.entryPoint = entryPoint;
        keys.forEach(key -> authorities.put(key, key.roles().stream()
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null && QueryStringKey.allowedOn(request.getRequestURI())) {
            // Browsers' EventSource cannot set headers: the live streams also take the key as ?access_token=
            // (RFC 6750 §2.3). Nothing logs query strings; prefer the header wherever a client can set one.
            String token = request.getParameter(QueryStringKey.PARAMETER);
            header = token == null ? null : BEARER + token;
        }
        if (header != null) {
            if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                entryPoint.commence(request, response,
                        new BadCredentialsException("the Authorization header must be 'Bearer <api key>'"));
                return;
            }
            ApiKeyProperties.ApiKey key = find(header.substring(BEARER.length()).trim());
            if (key == null) {
                entryPoint.commence(request, response, new BadCredentialsException("unknown API key"));
                return;
            }
            var authentication = UsernamePasswordAuthenticationToken.authenticated(key.name(), null,
                    authorities.get(key));
            SecurityContextHolder.getContext().setAuthentication(authentication);
        }
        chain.doFilter(request, response);
    }

    /** Compares every key in constant time, so response timing tells nothing about how close a guess was. */
    private ApiKeyProperties.ApiKey find(String presented) {
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        ApiKeyProperties.ApiKey match = null;
        for (ApiKeyProperties.ApiKey key : keys) {
            if (MessageDigest.isEqual(given, key.key().getBytes(StandardCharsets.UTF_8))) {
                match = key;
            }
        }
        return match;
    }
}

package com.bookingengine.platform.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API's access rules as data: who may call which method and path. Written with the same words as Spring
 * Security's registry ({@code rules.requestMatchers(GET, "/api/v1/x/*").hasAnyRole(roles(OWNER))}), enforced by
 * {@link ApiKeySecurityConfiguration} and read back by the OpenAPI description, which lists each operation's roles.
 */
public final class AccessGrants {

    /** Who a rule lets through: the roles (every role: any known key), or anyone (no key needed). */
    public record Access(Set<Role> roles, boolean anyone) {

        static Access of(String... roles) {
            Set<Role> set = EnumSet.noneOf(Role.class);
            Arrays.stream(roles).map(Role::valueOf).forEach(set::add);
            return new Access(set, false);
        }
    }

    /** One rule: a method (null: any) and path patterns, and who may call them. */
    public record Grant(HttpMethod method, List<String> patterns, Access access) {

        boolean matches(HttpMethod requestMethod, String path) {
            if (method != null && !method.equals(requestMethod)) {
                return false;
            }
            PathContainer container = PathContainer.parsePath(path);
            return patterns.stream().map(PARSER::parse).anyMatch(p -> p.matches(container));
        }
    }

    /** The right half of a rule, as in Spring Security: {@code .hasAnyRole(...)}, {@code .permitAll()}... */
    public final class Matched {
        private final HttpMethod method;
        private final List<String> patterns;

        private Matched(HttpMethod method, String... patterns) {
            this.method = method;
            this.patterns = List.of(patterns);
        }

        public AccessGrants hasAnyRole(String... roles) {
            return add(Access.of(roles));
        }

        public AccessGrants hasRole(String role) {
            return add(Access.of(role));
        }

        /** Any known API key. */
        public AccessGrants authenticated() {
            return add(new Access(EnumSet.allOf(Role.class), false));
        }

        /** No key needed. */
        public AccessGrants permitAll() {
            return add(new Access(EnumSet.allOf(Role.class), true));
        }

        private AccessGrants add(Access access) {
            grants.add(new Grant(method, patterns, access));
            return AccessGrants.this;
        }
    }

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    private final List<Grant> grants = new ArrayList<>();

    public Matched requestMatchers(HttpMethod method, String... patterns) {
        return new Matched(method, patterns);
    }

    public Matched requestMatchers(String... patterns) {
        return new Matched(null, patterns);
    }

    public List<Grant> grants() {
        return List.copyOf(grants);
    }

    /**
     * Who may call {@code method path}, where the path may be a template ({@code /api/v1/bookings/{bookingId}}): the
     * first rule that matches decides, as in the security filter; empty when no rule names it (any known key).
     */
    public Optional<Access> accessFor(HttpMethod method, String path) {
        return grants.stream().filter(g -> g.matches(method, path)).map(Grant::access).findFirst();
    }

    /** The rules, in order, as Spring Security enforces them. */
    void applyTo(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        for (Grant grant : grants) {
            String[] patterns = grant.patterns().toArray(String[]::new);
            var matched = grant.method() == null
                    ? registry.requestMatchers(patterns) : registry.requestMatchers(grant.method(), patterns);
            if (grant.access().anyone()) {
                matched.permitAll();
            } else {
                matched.hasAnyRole(grant.access().roles().stream().map(Role::name).toArray(String[]::new));
            }
        }
    }
}

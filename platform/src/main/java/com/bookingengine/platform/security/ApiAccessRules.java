package com.bookingengine.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Which roles may call which endpoints, contributed by each side for its own endpoints. Checked by the security
 * filter before anything reads the request, so a caller without the role gets 403 whatever its body holds.
 * Paths not named by any side only need a known key.
 * <p>
 * A side declares its rules in {@link #configure(AccessGrants)}: the same rules are enforced and written into the
 * OpenAPI description ({@code x-roles} of each operation), so one rule lives in one place. The raw form,
 * {@link #configure(AuthorizeHttpRequestsConfigurer.AuthorizationManagerRequestMatcherRegistry)}, is enforced too
 * but cannot be described: the OpenAPI test then reports the operations it covers as having no roles.
 */
public interface ApiAccessRules {

    /** The side's rules, in order (the first that matches a request decides). */
    default void configure(AccessGrants rules) {
    }

    /** Rules Spring Security's registry can express but {@link AccessGrants} cannot (not documented). */
    default void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
    }

    static String[] roles(Role... roles) {
        return java.util.Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}

package com.bookingengine.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Which roles may call which endpoints, contributed by each side for its own endpoints. Checked by the security
 * filter before anything reads the request, so a caller without the role gets 403 whatever its body holds.
 * Paths not named by any side only need a known key.
 */
@FunctionalInterface
public interface ApiAccessRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

    static String[] roles(Role... roles) {
        return java.util.Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}

package com.bookingengine.query;

import com.bookingengine.platform.security.AccessGrants;
import com.bookingengine.platform.security.ApiAccessRules;
import com.bookingengine.query.opspage.OperationsPageHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import static com.bookingengine.platform.security.ApiAccessRules.roles;
import static com.bookingengine.platform.security.Role.AUDITOR;
import static com.bookingengine.platform.security.Role.BOOKER;
import static com.bookingengine.platform.security.Role.OPERATOR;
import static com.bookingengine.platform.security.Role.OWNER;

/**
 * Who may read what (SPEC §4, queries). The catalogue and availability (also its stream) are open to every known key.
 */
@Component
class QuerySideAccess implements ApiAccessRules {

    @Override
    public void configure(AccessGrants rules) {
        // The operations page's files need no key: the page asks for one and sends it with each call it makes.
        rules.requestMatchers(HttpMethod.GET, OperationsPageHeaders.PAGE_PATHS).permitAll()
                .requestMatchers(HttpMethod.GET, "/api/v1/bookings").hasAnyRole(roles(OWNER, AUDITOR))
                .requestMatchers(HttpMethod.GET, "/api/v1/bookings/*/history").hasAnyRole(roles(OWNER, AUDITOR))
                .requestMatchers(HttpMethod.GET, "/api/v1/bookings/*").hasAnyRole(roles(OWNER, AUDITOR, BOOKER))
                .requestMatchers(HttpMethod.GET, "/api/v1/events").hasAnyRole(roles(AUDITOR))
                .requestMatchers(HttpMethod.GET, "/api/v1/stream/bookings").hasAnyRole(roles(OWNER, AUDITOR))
                .requestMatchers(HttpMethod.GET, "/api/v1/checkout-options").hasAnyRole(roles(BOOKER, OWNER))
                .requestMatchers(HttpMethod.GET, "/api/v1/calendar/**").hasAnyRole(roles(OWNER))
                .requestMatchers("/api/v1/audit/**").hasAnyRole(roles(AUDITOR, OWNER))
                .requestMatchers("/api/v1/admin/**").hasAnyRole(roles(OPERATOR))
                .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasAnyRole(roles(OWNER));
    }
}

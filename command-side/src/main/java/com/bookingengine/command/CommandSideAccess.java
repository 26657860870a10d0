package com.bookingengine.command;

import com.bookingengine.platform.security.AccessGrants;
import com.bookingengine.platform.security.ApiAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import static com.bookingengine.platform.security.ApiAccessRules.roles;
import static com.bookingengine.platform.security.Role.BOOKER;
import static com.bookingengine.platform.security.Role.OWNER;
import static com.bookingengine.platform.security.Role.PAYMENTS;

/** Who may send which command (SPEC §4, commands). */
@Component
class CommandSideAccess implements ApiAccessRules {

    @Override
    public void configure(AccessGrants rules) {
        rules.requestMatchers(HttpMethod.POST, "/api/v1/services", "/api/v1/services/*/sessions").hasAnyRole(roles(OWNER))
                .requestMatchers(HttpMethod.POST, "/api/v1/coupons", "/api/v1/members/*/plans").hasAnyRole(roles(OWNER))
                .requestMatchers(HttpMethod.PUT, "/api/v1/services/*").hasAnyRole(roles(OWNER))
                .requestMatchers(HttpMethod.POST, "/api/v1/bookings").hasAnyRole(roles(BOOKER, OWNER))
                .requestMatchers(HttpMethod.POST, "/api/v1/bookings/*/confirm", "/api/v1/bookings/*/decline",
                        "/api/v1/bookings/*/mark-paid").hasAnyRole(roles(OWNER))
                .requestMatchers(HttpMethod.POST, "/api/v1/bookings/*/cancel", "/api/v1/bookings/*/reschedule",
                        "/api/v1/bookings/*/participants").hasAnyRole(roles(BOOKER, OWNER))
                .requestMatchers(HttpMethod.POST, "/api/v1/bookings/*/payment-approved",
                        "/api/v1/bookings/*/payment-failed").hasAnyRole(roles(PAYMENTS));
    }
}

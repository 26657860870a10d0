package com.bookingengine.platform.security;

import com.bookingengine.platform.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every API call carries {@code Authorization: Bearer <key>}; roles are checked per endpoint by the
 * {@link ApiAccessRules} each side contributes, before the request is read. No keys, no start: only the embedded profile ships (documented) development keys.
 * {@code /actuator/health} and its groups answer without a key (probes and load balancers have none); every other
 * actuator endpoint needs {@link Role#OPERATOR}. The API description ({@code /v3/api-docs}, {@code /swagger-ui.html})
 * answers without a key too: it describes the API, it holds none of its data.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiKeyProperties.class)
public class ApiKeySecurityConfiguration {

    /** Every side's declared rules, in order: enforced below and described in the OpenAPI document. */
    @Bean
    public AccessGrants accessGrants(ObjectProvider<ApiAccessRules> accessRules) {
        AccessGrants grants = new AccessGrants();
        accessRules.orderedStream().forEach(rules -> rules.configure(grants));
        return grants;
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyProperties properties, AccessGrants grants,
                                           ObjectProvider<ApiAccessRules> accessRules) throws Exception {
        List<ApiKeyProperties.ApiKey> keys = checked(properties.apiKeys());
        AuthenticationEntryPoint unauthorized = (request, response, e) -> ProblemWriter.write(request, response,
                HttpStatus.UNAUTHORIZED, "Authentication required: " + e.getMessage());
        AccessDeniedHandler forbidden = (request, response, e) -> ProblemWriter.write(request, response,
                HttpStatus.FORBIDDEN, "This API key's roles do not allow this call");
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, unauthorized), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/actuator/health/**", "/actuator/health", "/error").permitAll();
                    // A live stream's end is an async dispatch of a request authorized when it came in (stateless:
                    // nothing remembers its key for the second dispatch).
                    a.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
                    // The API description and its UI hold no data: readable without a key (README, "API description").
                    a.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                            "/swagger-ui.html", "/swagger-ui/**").permitAll();
                    // Metrics and the rest of the actuator describe the whole node and its traffic: operators only.
                    a.requestMatchers("/actuator", "/actuator/**").hasRole(Role.OPERATOR.name());
                    grants.applyTo(a);
                    accessRules.orderedStream().forEach(rules -> rules.configure(a));
                    a.anyRequest().authenticated();
                })
                .build();
    }

    /**
     * Spring Security's own observations off: with them, every filter of the chain ran inside a Micrometer
     * observation of its own (one per filter, plus the chain's and the authorization's) on every request, a
     * measurable share of a booking's CPU (docs/BENCHMARKS.md, "Command node on PostgreSQL: per-request CPU").
     * Requests stay observed as {@code http.server.requests}.
     */
    @Bean
    public static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The rules' paths are matched as Spring MVC path patterns, parsed once at start-up. Without this, each path
     * rule became a matcher that asked Spring MVC's handler mappings about the request (Spring Security 6's default,
     * to be retired in 7), rule after rule on every request: CPU for nothing, as the rules name plain paths.
     */
    @Bean
    public static PathPatternRequestMatcherBuilderFactoryBean pathPatternRules() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** The firewall's refusals as problem+json (see {@link FirewallRejections}). */
    @Bean
    public WebSecurityCustomizer firewallRejectionsAsProblems() {
        return web -> web.requestRejectedHandler(new FirewallRejections());
    }

    /** Keeps Boot from generating a default user and logging its password. */
    @Bean
    public UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }

    private static List<ApiKeyProperties.ApiKey> checked(List<ApiKeyProperties.ApiKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("No API keys configured: set booking.security.api-keys "
                    + "(key, name, roles) for this profile. Only the embedded profile ships development keys.");
        }
        Set<String> seen = new HashSet<>();
        for (ApiKeyProperties.ApiKey key : keys) {
            if (key.key() == null || key.key().isBlank() || key.name() == null || key.name().isBlank()
                    || key.roles() == null || key.roles().isEmpty()) {
                throw new IllegalStateException("Every API key needs a key, a name and at least one role: " + key.name());
            }
            if (!seen.add(key.key())) {
                throw new IllegalStateException("API key configured twice (name " + key.name() + ")");
            }
        }
        return keys;
    }
}

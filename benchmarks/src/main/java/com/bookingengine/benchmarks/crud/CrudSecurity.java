package com.bookingengine.benchmarks.crud;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The same kind of security as the engine's: {@code Authorization: Bearer <key>} compared in constant time against
 * the configured keys, a stateless filter chain, roles checked per endpoint.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CrudSecurity.Keys.class)
class CrudSecurity {

    @ConfigurationProperties("crud")
    record Keys(List<Key> apiKeys) {
    }

    record Key(String key, String name, List<String> roles) {
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, Keys keys) throws Exception {
        if (keys.apiKeys() == null || keys.apiKeys().isEmpty()) {
            throw new IllegalStateException("No API keys: set crud.api-keys[0].key/name/roles");
        }
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyFilter(keys.apiKeys()), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) ->
                        response.sendError(HttpStatus.UNAUTHORIZED.value())))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/bookings").hasAnyRole("BOOKER", "OWNER")
                        .anyRequest().authenticated())
                .build();
    }

    /** Keeps Boot from generating a default user and logging its password. */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }

    static final class ApiKeyFilter extends OncePerRequestFilter {

        private final List<Key> keys;

        ApiKeyFilter(List<Key> keys) {
            this.keys = keys;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null) {
                if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    response.sendError(HttpStatus.UNAUTHORIZED.value());
                    return;
                }
                byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
                Key match = null;
                for (Key key : keys) {
                    if (MessageDigest.isEqual(given, key.key().getBytes(StandardCharsets.UTF_8))) {
                        match = key;
                    }
                }
                if (match == null) {
                    response.sendError(HttpStatus.UNAUTHORIZED.value());
                    return;
                }
                var authorities = match.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(match.name(), null, authorities));
            }
            chain.doFilter(request, response);
        }
    }
}

package com.bookingengine.platform;

import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import com.bookingengine.platform.security.ApiKeySecurityConfiguration;
import com.bookingengine.platform.web.BodySizeLimitFilter;
import com.bookingengine.platform.web.ProblemDetailsAdvice;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

import java.time.Clock;

/**
 * What every runnable side of the engine shares: Axon messaging on Jackson, API-key security, problem+json
 * errors and the request-size limit. Runs before Axon's own auto-configuration so its serializers win.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@Import({AxonMessagingConfiguration.class, ApiKeySecurityConfiguration.class, ProblemDetailsAdvice.class})
public class PlatformAutoConfiguration {

    /** The engine's one source of "now"; tests replace it to travel in time. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(
            @Value("${booking.api.max-body-bytes:65536}") long maxBytes) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(maxBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}

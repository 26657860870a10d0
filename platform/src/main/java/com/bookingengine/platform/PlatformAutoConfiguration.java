package com.bookingengine.platform;

import com.bookingengine.platform.audit.AuditConfiguration;
import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import com.bookingengine.platform.jpa.DirectUpdateTokenStore;
import com.bookingengine.platform.openapi.ApiDocsConfiguration;
import com.bookingengine.platform.operations.OperationsConfiguration;
import com.bookingengine.platform.postgres.JdbcEventStoreConfiguration;
import com.bookingengine.platform.security.ApiKeySecurityConfiguration;
import com.bookingengine.platform.upcasting.UpcastingConfiguration;
import com.bookingengine.platform.validation.RequestValidationConfiguration;
import com.bookingengine.platform.web.BodySizeLimitFilter;
import com.bookingengine.platform.web.CorrelationIdFilter;
import com.bookingengine.platform.web.MediaTypeHeadersFilter;
import com.bookingengine.platform.web.ProblemDetailsAdvice;
import com.bookingengine.platform.web.ProblemErrorController;
import com.bookingengine.platform.web.ProblemErrorReportValve;
import com.bookingengine.platform.web.StrictJsonConfiguration;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;

/**
 * What every runnable side of the engine shares: Axon messaging on Jackson, API-key security, problem+json
 * errors (also for the container's own refusals), strict request JSON, the request-size limit and the operations
 * signals (processor health and lag). Runs before Axon's own auto-configuration so its serializers win.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JpaAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
        MicrometerMetricsAutoConfiguration.class})
@Import({AuditConfiguration.class, AxonMessagingConfiguration.class, ApiKeySecurityConfiguration.class, ProblemDetailsAdvice.class,
        ProblemErrorController.class, UpcastingConfiguration.class, JdbcEventStoreConfiguration.class,
        OperationsConfiguration.class, StrictJsonConfiguration.class, ApiDocsConfiguration.class,
        RequestValidationConfiguration.class})
public class PlatformAutoConfiguration {

    /** The engine's one source of "now"; tests replace it to travel in time. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Projections' positions: Axon's JPA token store, storing each batch's position with one prepared statement
     * ({@link DirectUpdateTokenStore}). The node claims segments as {@code booking.node-id}, Axon's default
     * {@code pid@host} where it is not set: unique per process on most machines; set it where it is not (two nodes in
     * one JVM, or containers that share a host name). {@code axon.eventhandling.tokenstore.claim-timeout} applies as
     * in Axon's own store.
     */
    @Bean
    @ConditionalOnMissingBean
    public TokenStore tokenStore(Serializer serializer, EntityManagerProvider entityManagerProvider, DataSource dataSource,
                                 @Value("${booking.node-id:}") String nodeId,
                                 @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return new DirectUpdateTokenStore(
                JpaTokenStore.builder().entityManagerProvider(entityManagerProvider).claimTimeout(claimTimeout),
                serializer, nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId,
                new JdbcTemplate(dataSource));
    }

    @Bean
    public FilterRegistrationBean<CorrelationIdFilter> correlationId() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(
            @Value("${booking.api.max-body-bytes:65536}") long maxBytes) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(maxBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<MediaTypeHeadersFilter> mediaTypeHeaders() {
        FilterRegistrationBean<MediaTypeHeadersFilter> registration =
                new FilterRegistrationBean<>(new MediaTypeHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Tomcat's own refusals (bad URLs, oversized headers) as problem+json rather than its HTML page. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatProblems {

        @Bean
        ProblemErrorReportValve.Installer problemErrorReportValve() {
            return new ProblemErrorReportValve.Installer();
        }
    }
}

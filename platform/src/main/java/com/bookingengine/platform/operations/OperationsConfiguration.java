package com.bookingengine.platform.operations;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What operators watch on every node: whether its event processors run (health, readiness) and how far behind they
 * are (metrics). Endpoints, groups and exposure are configured in {@code booking-defaults.yml}.
 */
@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

    /** Contributes {@code eventProcessors} to {@code /actuator/health} (the bean name minus "HealthIndicator"). */
    @Bean
    public EventProcessorsHealthIndicator eventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        return new EventProcessorsHealthIndicator(processing);
    }

    /** Replaces Axon's registry of meters (it backs off when one exists): the command bus without its capacity gauge. */
    @Bean
    public GlobalMetricRegistry globalMetricRegistry(MeterRegistry registry) {
        return new CommandBusMeters(registry);
    }

    @Bean
    public EventProcessorLagMetrics eventProcessorLagMetrics(EventProcessingConfiguration processing,
                                                             EventStore eventStore, MeterRegistry registry) {
        return new EventProcessorLagMetrics(processing, eventStore, registry);
    }
}

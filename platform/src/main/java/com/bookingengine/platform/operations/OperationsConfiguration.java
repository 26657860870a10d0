package com.bookingengine.platform.operations;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What operators watch on every node: how far behind its event processors are (metrics). Endpoints and exposure
 * are configured in {@code booking-defaults.yml}.
 */
@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

    @Bean
    public EventProcessorLagMetrics eventProcessorLagMetrics(EventProcessingConfiguration processing,
                                                             EventStore eventStore, MeterRegistry registry) {
        return new EventProcessorLagMetrics(processing, eventStore, registry);
    }
}

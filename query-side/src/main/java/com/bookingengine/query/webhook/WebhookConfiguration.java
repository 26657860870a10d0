package com.bookingengine.query.webhook;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhooks processor: tracking, one segment (so one node at a time writes the outbox, in event order), starting
 * at the head of the store when it first runs: events stored before any webhook could exist are never queued.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    ConfigurerModule webhookProcessor() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                WebhookOutbox.PROCESSING_GROUP, c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1)
                        .andBatchSize(100)
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}

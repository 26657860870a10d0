package com.bookingengine.query.webhook;

import com.bookingengine.platform.axon.LingeringEventSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhooks processor: tracking, one segment (so one node at a time writes the outbox, in event order), starting
 * at the head of the store when it first runs: events stored before any webhook could exist are never queued. While it
 * keeps up it takes a batch at most once per {@code booking.webhooks.outbox-pace} ({@link LingeringEventSource#paced}):
 * it handles every event, and under load it had committed a transaction with a token update for every one or two
 * events (docs/BENCHMARKS.md, "The webhook outbox paced").
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    private static final int BATCH_SIZE = 100;

    @Bean
    ConfigurerModule webhookProcessor(WebhookProperties properties) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessor(
                WebhookOutbox.PROCESSING_GROUP,
                c -> LingeringEventSource.paced(c.eventStore(), properties.outboxPace(), BATCH_SIZE),
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1)
                        .andBatchSize(BATCH_SIZE)
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}

package com.bookingengine.query.admin;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes a replay clear the dead-letter queue of the processing group it rebuilds.
 * <p>
 * Axon's Spring Boot starter gives a processing group a JPA {@code SequencedDeadLetterQueue} (table
 * {@code dead_letter_entry}) when {@code axon.eventhandling.processors.<group>.dlq.enabled=true}; a failing handler
 * then parks the event, and every later event of the same aggregate, instead of stopping the processor. By default
 * a reset leaves parked letters in place; for a projection that is wrong: the replay re-reads those events anyway,
 * and letters left behind would hold back the rebuilt sequences. This re-applies the starter's optional
 * sequence-identifier cache settings because it replaces the starter's invoker configuration for the group.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterQueueConfiguration {

    @Bean
    ConfigurerModule clearDeadLettersOnReplay(EventProcessorProperties properties) {
        return configurer -> properties.getProcessors().forEach((group, settings) -> {
            EventProcessorProperties.Dlq dlq = settings.getDlq();
            if (dlq.isEnabled()) {
                configurer.eventProcessing().registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (config, builder) -> {
                            builder.allowReset(true);
                            if (dlq.getCache().isEnabled()) {
                                builder.enableSequenceIdentifierCache()
                                        .sequenceIdentifierCacheSize(dlq.getCache().getSize());
                            }
                            return builder;
                        });
            }
        });
    }
}

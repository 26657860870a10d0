package com.bookingengine.platform.audit;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tamper evidence: every event appended by this node is chained to its aggregate's previous event. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    public EventHashChain eventHashChain(EventStore eventStore, @Qualifier("eventSerializer") Serializer serializer) {
        return new EventHashChain(eventStore, serializer);
    }

    @Bean
    public SmartInitializingSingleton hashEveryAppendedEvent(EventStore eventStore, EventHashChain chain) {
        return () -> eventStore.registerDispatchInterceptor(chain);
    }
}

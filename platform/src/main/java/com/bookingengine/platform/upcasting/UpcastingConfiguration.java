package com.bookingengine.platform.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The upcasters of the published language, active on every side (imported by {@code PlatformAutoConfiguration}).
 * <p>
 * Axon's Spring Boot {@code InfraConfiguration} registers every {@link EventUpcaster} bean with the configurer
 * ({@code eventUpcastersConfigurer}), in bean order; the event storage engine (JPA, JDBC, or Axon Server's event
 * store) runs that chain on every event it reads, before the event serializer deserializes it. Upcasters work on
 * the serializer's intermediate form: the engine's {@code JacksonSerializer} converts stored bytes to
 * {@code JsonNode} for them. Add one bean per event revision step; give a later step of the same type a higher
 * {@link Order} so the chain runs 1 → 2 → 3.
 */
@Configuration(proxyBeanMethods = false)
public class UpcastingConfiguration {

    @Bean
    @Order(0)
    public EventUpcaster bookingCanceledEventUpcaster() {
        return new BookingCanceledEventUpcaster();
    }
}

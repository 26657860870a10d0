package com.bookingengine.platform.axon;

import com.bookingengine.api.common.ActorMetadata;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.lifecycle.Phase;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Duration;
import java.time.Instant;

/**
 * How messages travel and are stored. Jackson for everything Axon writes (events, snapshots, tokens,
 * commands), with a mapper of its own: web JSON settings can never change how stored events read back.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMessagingConfiguration {

    /** The metadata key naming who caused a message: the API key's name, or {@code system}. */
    public static final String ACTOR = ActorMetadata.KEY;
    /** The metadata key shared by every message one request (or one deadline) caused. */
    public static final String CORRELATION_ID = "correlationId";
    /** The metadata key naming the message that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** A request may name its correlation id in this header; otherwise the engine makes one up. */
    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private static Serializer jackson() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Old events must keep reading after a field is added to their record.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
        // after Axon's own module (registered by build()): the later module's MetaData reader wins
        mapper.registerModule(new SimpleModule("booking-metadata").addDeserializer(MetaData.class,
                new MetaDataReader()));
        // after the JavaTimeModule: the later module's Instant reader wins
        mapper.registerModule(new SimpleModule("booking-instants").addDeserializer(Instant.class,
                new InstantReader()));
        return serializer;
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson();
    }

    /**
     * Declaring any provider replaces Axon's default, so the origin provider is declared again here, with the
     * audit names: {@code causationId} is the id of the message being handled, {@code correlationId} is carried
     * unchanged from the request's command to every message it causes.
     */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider(CAUSATION_ID, CORRELATION_ID);
    }

    @Bean
    public CorrelationDataProvider actorCorrelationProvider() {
        return new SimpleCorrelationDataProvider(ACTOR);
    }

    /** A lost optimistic-concurrency race is retried a few times before the caller sees a 409. */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConcurrencyRetryScheduler(5))
                .build();
    }

    /** Refusals keep their meaning when a handler runs on another node (Axon Server routing). */
    @Bean
    public ConfigurerModule rejectionDetails() {
        RejectionInterceptor interceptor = new RejectionInterceptor();
        return configurer -> configurer.onInitialize(config -> {
            config.onStart(Phase.INBOUND_COMMAND_CONNECTOR - 1, () -> {
                config.commandBus().registerHandlerInterceptor(interceptor);
                config.queryBus().registerHandlerInterceptor(interceptor);
            });
        });
    }

    /**
     * A projection that fails on an event must not skip it silently: the error propagates, the
     * processor backs off and retries the same event.
     */
    @Bean
    public ConfigurerModule propagateProjectionErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /**
     * Every projection runs in a tracking (streaming) processor: its position lives in the token store (so it can
     * be reset and replayed), one segment to start, and up to 100 events per transaction so projections keep up
     * with the command side. Tracking rather than pooled: on the embedded event store a pooled processor learns of
     * new events only by polling every 500 ms, while a tracking processor is woken as soon as a commit lands, so a
     * read model follows a command within milliseconds. With {@code booking.event-processors.linger} set (off by
     * default), a processor woken after it had caught up waits that long so that the commits of other requests join
     * its batch ({@link LingeringEventSource}): more bookings/s at 16 clients, no clear gain at 64 (docs/BENCHMARKS.md).
     */
    @Bean
    public ConfigurerModule trackingProjections(
            @Value("${booking.event-processors.linger:0ms}") Duration linger) {
        return configurer -> configurer.eventProcessing()
                .usingTrackingEventProcessors()
                .configureDefaultStreamableMessageSource(c -> linger.isZero() ? c.eventStore()
                        : new LingeringEventSource(c.eventStore(), linger))
                .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1)
                        .andBatchSize(100));
    }

    /**
     * Axon's event processing module, whose tracking processors ask their handlers what never changes (whether they
     * replay, which payload types they handle) once instead of per event ({@link SettledHandlerInvoker}).
     */
    @Bean
    public EventProcessingModule eventProcessingModule() {
        return new EventProcessingModule() {
            @Override
            protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker handlers,
                                                            TrackingEventProcessorConfiguration configuration,
                                                            StreamableMessageSource<TrackedEventMessage<?>> source) {
                return super.trackingEventProcessor(name, new SettledHandlerInvoker(handlers), configuration, source);
            }
        };
    }

    /**
     * The event processors' {@code eventProcessor.*} meters (README, "Metrics") from {@link ProcessorMetrics}: the
     * same meters as Axon's dimensional monitors, registered once per payload type instead of once per event. The
     * command and query buses keep Axon's monitors.
     */
    @Bean
    public ConfigurerModule eventProcessorMeters(ObjectProvider<MeterRegistry> registry) {
        return configurer -> configurer.configureMessageMonitor(EventProcessor.class,
                (config, componentType, componentName) -> registry.getIfAvailable() == null
                        ? NoOpMessageMonitor.instance()
                        : new ProcessorMetrics(componentName, registry.getObject()));
    }
}

package com.bookingengine.platform.axon;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real tracking processor on a real embedded event store, reading through {@link LingeringEventSource}, lingering or
 * paced.
 */
class LingeringEventSourceTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    /** Each handled event's payload, grouped by the unit of work (the processor's batch) that handled it. */
    private final Map<Object, List<Object>> batches = new IdentityHashMap<>();
    private TrackingEventProcessor processor;

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutDown();
        }
        store.shutDown();
    }

    @Test
    void eventsCommittedWhileAWokenProcessorLingersJoinItsBatch() throws InterruptedException {
        start(Duration.ofMillis(500));
        awaitCaughtUp();

        for (String event : List.of("first", "second", "third")) {
            store.publish(GenericEventMessage.asEventMessage(event));
            TimeUnit.MILLISECONDS.sleep(20);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> handled().size() == 3);
        assertThat(batchesOf()).containsExactly(List.of("first", "second", "third"));
    }

    @Test
    void aProcessorThatFindsEventsWaitingNeverLingers() {
        for (int i = 0; i < 250; i++) {
            store.publish(GenericEventMessage.asEventMessage("event " + i));
        }

        start(Duration.ofHours(1));

        await().atMost(Duration.ofSeconds(20)).until(() -> handled().size() == 250);
        assertThat(batchesOf()).hasSize(3);
    }

    @Test
    void aPacedProcessorThatKeepsUpTakesTheEventsOfEachIntervalInOneBatch() throws InterruptedException {
        start(LingeringEventSource.paced(store, Duration.ofMillis(300), 100));
        awaitCaughtUp();

        long began = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            store.publish(GenericEventMessage.asEventMessage("event " + i));
            TimeUnit.MILLISECONDS.sleep(25);
        }
        long publishing = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

        await().atMost(Duration.ofSeconds(10)).until(() -> handled().size() == 40);
        // about 1 s of events (longer on a slow machine): the first at once, then one batch per 300 ms at most, and the
        // last after publishing ended (unpaced: a batch per event)
        assertThat(batchesOf()).hasSizeBetween(2, (int) (publishing / 300) + 2);
        assertThat(handled())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 40).mapToObj(i -> "event " + i).toList());
    }

    @Test
    void aPacedProcessorTakesTheFirstEventAfterAQuietIntervalAtOnceAndTheNextOnlyOnceTheIntervalHasPassed() {
        start(LingeringEventSource.paced(store, Duration.ofHours(1), 100));
        awaitCaughtUp();

        store.publish(GenericEventMessage.asEventMessage("first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> handled().size() == 1);

        store.publish(GenericEventMessage.asEventMessage("second"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> handled().size() == 1);
    }

    @Test
    void aPacedProcessorThatIsBehindIsNeverHeldBack() {
        for (int i = 0; i < 250; i++) {
            store.publish(GenericEventMessage.asEventMessage("event " + i));
        }

        start(LingeringEventSource.paced(store, Duration.ofHours(1), 100));

        // two full batches, then the rest: none of them waits for the hour
        await().atMost(Duration.ofSeconds(20)).until(() -> handled().size() == 250);
        assertThat(batchesOf()).extracting(List::size).containsExactlyInAnyOrder(100, 100, 50);
    }

    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(10)).until(() -> processor.processingStatus().get(0) != null
                && processor.processingStatus().get(0).isCaughtUp());
    }

    private void start(Duration linger) {
        start(new LingeringEventSource(store, linger));
    }

    private void start(LingeringEventSource source) {
        EventMessageHandler listener = event -> {
            record(event);
            return null;
        };
        processor = TrackingEventProcessor.builder()
                .name("lingering")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(listener).build())
                .messageSource(source)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(100))
                .build();
        processor.start();
    }

    private synchronized void record(EventMessage<?> event) {
        batches.computeIfAbsent(CurrentUnitOfWork.get(), unitOfWork -> new ArrayList<>()).add(event.getPayload());
    }

    private synchronized List<Object> handled() {
        return batches.values().stream().flatMap(List::stream).toList();
    }

    private synchronized List<List<Object>> batchesOf() {
        return new ArrayList<>(batches.values());
    }
}

package com.bookingengine.command.catalogue;

import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.common.Money;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static com.bookingengine.command.UnitsOfWork.inUnitOfWork;
import static org.assertj.core.api.Assertions.assertThat;

/** A service's terms as booking commands read them where this process is the event store's only writer. */
class ServiceSnapshotsTest {

    private final AtomicInteger versionLookups = new AtomicInteger();
    private final EventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine() {
        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            versionLookups.incrementAndGet();
            return super.lastSequenceNumberFor(aggregateIdentifier);
        }
    }).build();
    private final ServiceSnapshots soleWriter = new ServiceSnapshots(store, false);

    @Test
    void theSoleWriterServesKnownTermsWithoutAskingTheStoreAndSeesEveryChangeItPublishes() throws Exception {
        inUnitOfWork(() -> {
            store.publish(new GenericDomainEventMessage<>("BookableService", "yoga", 0, new ServiceCreatedEvent(
                    "yoga", "Yoga", ServiceType.CLASS, "Europe/Berlin", null, Money.of("20", "EUR"),
                    Set.of(PaymentOption.IN_PERSON), false, List.of(), BookingPolicy.defaults(), 10, null)));
            return null;
        });
        assertThat(inUnitOfWork(() -> soleWriter.current("yoga")).orElseThrow().name()).isEqualTo("Yoga");
        assertThat(inUnitOfWork(() -> soleWriter.current("yoga")).orElseThrow().name()).isEqualTo("Yoga");
        assertThat(inUnitOfWork(() -> soleWriter.current("pilates"))).isEmpty();
        assertThat(versionLookups).hasValue(0);

        inUnitOfWork(() -> {
            store.publish(new GenericDomainEventMessage<>("BookableService", "yoga", 1, new ServiceUpdatedEvent(
                    "yoga", "Yoga flow", null, Money.of("25", "EUR"), Set.of(PaymentOption.IN_PERSON), false,
                    List.of(), BookingPolicy.defaults(), 10, null)));
            // read while the change commits: the terms before it, and they must not outlive the commit
            assertThat(soleWriter.current("yoga").orElseThrow().name()).isEqualTo("Yoga");
            return null;
        });
        assertThat(inUnitOfWork(() -> soleWriter.current("yoga")).orElseThrow().name()).isEqualTo("Yoga flow");
        assertThat(versionLookups).hasValue(0);
    }
}

package com.bookingengine.command.catalogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A service's terms as a booking command reads them, without taking the service's lock: bookings of one service
 * never wait for each other here (they contend only for the seats they take). The terms are an immutable
 * {@link ServiceSnapshot}, kept per service with the version it was read at and handed out only while the event
 * store's highest sequence number for the service still equals that version (one indexed lookup); otherwise the
 * service's events are read again. A booking decided while a service update commits takes the terms before the
 * update, as if it had come first; the service lock never ordered the two across nodes anyway.
 */
@Component
public class ServiceSnapshots {

    private record Read(long version, ServiceSnapshot snapshot) {
    }

    private final EventStore eventStore;
    private final Repository<BookableService> reader;
    private final Cache<String, Read> reads = Caffeine.newBuilder().maximumSize(10_000).build();

    public ServiceSnapshots(EventStore eventStore) {
        this.eventStore = eventStore;
        // Its own repository over the same events: no lock (it only reads) and no cache of mutable aggregates.
        this.reader = EventSourcingRepository.builder(BookableService.class)
                .eventStore(eventStore)
                .lockFactory(NullLockFactory.INSTANCE)
                .build();
    }

    /** The service's current terms, or empty when it does not exist. Called inside a command's unit of work. */
    public Optional<ServiceSnapshot> current(String serviceId) {
        if (serviceId == null || serviceId.isBlank()) {
            return Optional.empty();
        }
        Optional<Long> stored = eventStore.lastSequenceNumberFor(serviceId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Read read = reads.getIfPresent(serviceId);
        if (read != null && read.version() == stored.get()) {
            return Optional.of(read.snapshot());
        }
        Aggregate<BookableService> service = reader.load(serviceId);
        ServiceSnapshot snapshot = service.invoke(BookableService::snapshot);
        if (service.version() != null) {
            reads.put(serviceId, new Read(service.version(), snapshot));
        }
        return Optional.of(snapshot);
    }
}

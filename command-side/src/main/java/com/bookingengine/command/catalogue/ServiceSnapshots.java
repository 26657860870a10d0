package com.bookingengine.command.catalogue;

import com.bookingengine.command.caching.StoredVersions;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * A service's terms as a booking command reads them, without taking the service's lock: bookings of one service
 * never wait for each other here (they contend only for the seats they take). The terms are an immutable
 * {@link ServiceSnapshot}, kept per service with the version it was read at and handed out only while the event
 * store's highest sequence number for the service still equals that version (one indexed lookup, or the version the
 * command read at its start with its other aggregates', {@link StoredVersions}); otherwise the
 * service's events are read again. A booking decided while a service update commits takes the terms before the
 * update, as if it had come first; the service lock never ordered the two across nodes anyway.
 * <p>
 * Where this process is the event store's only writer ({@code booking.aggregate-cache.verify=false}, the embedded
 * default) every change to a service passes through this process's event store, so instead of asking the store each
 * time, a service's terms are forgotten when one of its events is published and again when that unit of work ends.
 */
@Component
public class ServiceSnapshots {

    private record Read(long version, ServiceSnapshot snapshot) {
    }

    private static final String SERVICE_TYPE = BookableService.class.getSimpleName();

    private final EventStore eventStore;
    private final Repository<BookableService> reader;
    private final Cache<String, Read> reads = Caffeine.newBuilder().maximumSize(10_000).build();
    private final boolean verify;
    /** Counts the services forgotten (sole writer only): a read that raced with one is not kept. */
    private final AtomicLong forgotten = new AtomicLong();

    /** Terms checked against the event store before each use. */
    public ServiceSnapshots(EventStore eventStore) {
        this(eventStore, true);
    }

    @Autowired
    public ServiceSnapshots(EventStore eventStore, @Value("${booking.aggregate-cache.verify:true}") boolean verify) {
        this.eventStore = eventStore;
        this.verify = verify;
        if (!verify) {
            eventStore.registerDispatchInterceptor(this::forgetChangedServices);
        }
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
        if (!verify) {
            Read read = reads.getIfPresent(serviceId);
            if (read != null) {
                return Optional.of(read.snapshot());
            }
            try {
                return Optional.of(read(serviceId));
            } catch (AggregateNotFoundException e) {
                return Optional.empty();
            }
        }
        Optional<Long> stored = StoredVersions.prefetched(serviceId)
                .orElseGet(() -> eventStore.lastSequenceNumberFor(serviceId));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Read read = reads.getIfPresent(serviceId);
        if (read != null && read.version() == stored.get()) {
            return Optional.of(read.snapshot());
        }
        return Optional.of(read(serviceId));
    }

    private ServiceSnapshot read(String serviceId) {
        long forgottenBefore = forgotten.get();
        Aggregate<BookableService> service = reader.load(serviceId);
        ServiceSnapshot snapshot = service.invoke(BookableService::snapshot);
        if (service.version() != null) {
            reads.put(serviceId, new Read(service.version(), snapshot));
            if (!verify && forgotten.get() != forgottenBefore) {
                // a service changed while this read ran: what it read may be the terms being replaced
                reads.invalidate(serviceId);
            }
        }
        return snapshot;
    }

    private void forget(String serviceId) {
        forgotten.incrementAndGet();
        reads.invalidate(serviceId);
    }

    private BiFunction<Integer, EventMessage<?>, EventMessage<?>> forgetChangedServices(
            List<? extends EventMessage<?>> messages) {
        for (EventMessage<?> message : messages) {
            if (message instanceof DomainEventMessage<?> event && SERVICE_TYPE.equals(event.getType())) {
                String serviceId = event.getAggregateIdentifier();
                forget(serviceId);
                // a command reading the service before this unit of work commits caches the terms it is replacing
                CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.root().onCleanup(u -> forget(serviceId)));
            }
        }
        return (index, message) -> message;
    }
}

package com.bookingengine.command.booking;

import com.bookingengine.api.booking.BookingCommandResult;
import com.bookingengine.command.caching.StoredVersions;
import com.bookingengine.command.capacity.ClassSession;
import com.bookingengine.command.capacity.ProviderDay;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.test.deadline.StubDeadlineManager;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The booking command side with every aggregate event-sourced from one in-memory Axon event store, so a test can
 * follow several bookings at once (promotion touches bookings other than the one a command names). Commands go
 * through a {@link SimpleCommandBus}: one unit of work per command, rolled back on any exception, with the
 * engine's {@code actor} correlation data copied onto the events, as in the running application.
 */
final class Engine {

    final SeatStore store = new SeatStore();
    /** Holds the checkout deadlines commands schedule; {@link #advanceTimeBy} fires the due ones. */
    final StubDeadlineManager deadlines = new StubDeadlineManager();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    /** Handler methods may ask for the command bus (the booking's deadline handler) and the deadline manager. */
    private final ParameterResolverFactory resources = MultiParameterResolverFactory.ordered(
            ClasspathParameterResolverFactory.forClass(Booking.class),
            new SimpleResourceParameterResolverFactory(List.of(bus, deadlines)));
    final Repository<Booking> bookings = EventSourcingRepository.builder(Booking.class).eventStore(store.events)
            .parameterResolverFactory(resources).build();
    private final CommandGateway gateway;

    Engine(Clock clock) {
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(
                List.of(new SimpleCorrelationDataProvider("actor"))));
        new AnnotationCommandHandlerAdapter<>(new BookingCommandHandler(bookings, store.sessions, store.days, store.serviceSnapshots,
                store.coupons, store.plans, StoredVersions.soleWriter(), clock), resources).subscribe(bus);
        gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    /** Lets {@code elapsed} pass: every deadline due by then is delivered to its booking, each in a unit of work. */
    void advanceTimeBy(Duration elapsed) {
        deadlines.advanceTimeBy(elapsed, (scope, message) -> DefaultUnitOfWork.startAndGet(message).execute(() -> {
            try {
                ((org.axonframework.messaging.ScopeAware) bookings).send(message, scope);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    /** Sends {@code command} as {@code actor}; a rejection is thrown as the domain exception. */
    BookingCommandResult send(Object command, String actor) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of("actor", actor)));
    }

    BookingCommandResult send(Object command) {
        return send(command, "dev-owner");
    }

    Optional<Booking> booking(String bookingId) {
        return inspect(() -> {
            try {
                return Optional.of(bookings.load(bookingId).invoke(b -> b));
            } catch (AggregateNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    ClassSession session(String sessionId) {
        return inspect(() -> store.sessions.load(sessionId).invoke(s -> s));
    }

    /** A provider day, or empty when no booking has needed it yet. */
    Optional<ProviderDay> day(String dayId) {
        return inspect(() -> {
            try {
                return Optional.of(store.days.load(dayId).invoke(d -> d));
            } catch (AggregateNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    List<DomainEventMessage<?>> events(String aggregateId) {
        return store.events.readEvents(aggregateId).asStream().<DomainEventMessage<?>>map(e -> e).toList();
    }

    /** Reads aggregates in a unit of work of their own that is rolled back: looking never changes anything. */
    private static <T> T inspect(Supplier<T> read) {
        UnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        try {
            return read.get();
        } finally {
            uow.rollback();
        }
    }
}

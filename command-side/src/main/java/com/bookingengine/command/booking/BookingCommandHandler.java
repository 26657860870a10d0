package com.bookingengine.command.booking;

import com.bookingengine.api.booking.ApprovePaymentCommand;
import com.bookingengine.api.booking.BookingCommandResult;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.ConfirmBookingCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.DeclineBookingCommand;
import com.bookingengine.api.booking.FailPaymentCommand;
import com.bookingengine.api.booking.MarkBookingPaidCommand;
import com.bookingengine.command.capacity.ClassSession;
import com.bookingengine.command.catalogue.BookableService;
import com.bookingengine.command.catalogue.ServiceSnapshot;
import com.bookingengine.platform.error.ConflictException;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.error.NotFoundException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Handles every booking command in one unit of work that spans the booking and the session whose seats it
 * holds: a seat is taken in the same transaction that creates the booking, and given back in the same
 * transaction that moves the booking out of a seat-holding status. Either both event streams change or
 * neither does. Aggregates are always locked in the same order (booking, then session) so that two
 * commands on one node cannot deadlock.
 */
@Component
public class BookingCommandHandler {

    private final Repository<Booking> bookings;
    private final Repository<ClassSession> sessions;
    private final Repository<BookableService> services;
    private final BookingRules rules;
    private final Clock clock;

    public BookingCommandHandler(Repository<Booking> bookings, Repository<ClassSession> sessions,
                                 Repository<BookableService> services, Clock clock) {
        this.bookings = bookings;
        this.sessions = sessions;
        this.services = services;
        this.rules = new BookingRules();
        this.clock = clock;
    }

    @CommandHandler
    public BookingCommandResult handle(CreateBookingCommand command) throws Exception {
        Optional<Aggregate<Booking>> existing = find(bookings, command.bookingId());
        if (existing.isPresent()) {
            Booking booking = existing.get().invoke(b -> b);
            if (!booking.isSameRequest(command)) {
                throw new ConflictException("duplicate", "Booking " + command.bookingId()
                        + " already exists with different content; use a new bookingId");
            }
            return booking.result();
        }
        ServiceSnapshot service = find(services, command.serviceId())
                .orElseThrow(() -> new InvalidInputException("serviceId", "Unknown service " + command.serviceId()))
                .invoke(BookableService::snapshot);
        Aggregate<ClassSession> session = rules.sessionOf(command, service, id -> find(sessions, id));
        var payment = rules.check(command, service, session.invoke(s -> s), clock.instant());
        session.execute(s -> s.reserve(command.bookingId(), command.participants()));
        return bookings.newInstance(() -> new Booking(command, service, session.invoke(s -> s), payment))
                .invoke(Booking::result);
    }

    @CommandHandler
    public BookingCommandResult handle(ConfirmBookingCommand command) {
        return change(command.bookingId(), b -> b.confirm(command.expectedRevision(), command.reason()));
    }

    @CommandHandler
    public BookingCommandResult handle(DeclineBookingCommand command) {
        return change(command.bookingId(), b -> b.decline(command.expectedRevision(), command.reason()));
    }

    @CommandHandler
    public BookingCommandResult handle(CancelBookingCommand command) {
        return change(command.bookingId(),
                b -> b.cancel(command.expectedRevision(), command.reason(), command.requestedBy(), clock.instant()));
    }

    @CommandHandler
    public BookingCommandResult handle(ApprovePaymentCommand command) {
        return change(command.bookingId(), b -> b.approvePayment(command.expectedRevision(), command.transactionId()));
    }

    @CommandHandler
    public BookingCommandResult handle(FailPaymentCommand command) {
        return change(command.bookingId(), b -> b.failPayment(command.expectedRevision(), command.reason()));
    }

    @CommandHandler
    public BookingCommandResult handle(MarkBookingPaidCommand command) {
        return change(command.bookingId(), b -> b.markPaid(command.expectedRevision()));
    }

    /** Applies one lifecycle change; if the booking stops holding seats, its session gets them back. */
    private BookingCommandResult change(String bookingId, Consumer<Booking> transition) {
        Aggregate<Booking> aggregate = find(bookings, bookingId)
                .orElseThrow(() -> new NotFoundException("Booking " + bookingId + " does not exist"));
        boolean heldSeats = aggregate.invoke(Booking::holdsSeats);
        aggregate.execute(transition);
        Booking booking = aggregate.invoke(b -> b);
        if (heldSeats && !booking.holdsSeats()) {
            sessions.load(booking.sessionId()).execute(s -> s.release(bookingId));
        }
        return booking.result();
    }

    private static <T> Optional<Aggregate<T>> find(Repository<T> repository, String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(repository.load(id));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}

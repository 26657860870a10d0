package com.bookingengine.command.booking;

import com.bookingengine.api.booking.ApprovePaymentCommand;
import com.bookingengine.api.booking.BookingCommandResult;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.ChangeParticipantsCommand;
import com.bookingengine.api.booking.ConfirmBookingCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.DeclineBookingCommand;
import com.bookingengine.api.booking.FailPaymentCommand;
import com.bookingengine.api.booking.MarkBookingPaidCommand;
import com.bookingengine.api.booking.RescheduleBookingCommand;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Handles every booking command in one unit of work that spans the booking and the session whose seats it
 * holds: a seat is taken in the same transaction that creates the booking, and given back in the same
 * transaction that moves the booking out of a seat-holding status. Either both event streams change or
 * neither does. Freed seats promote the session's waitlist in the same unit of work.
 * <p>
 * Lock order: the booking the command names, then its session(s) ordered by id, then any waitlisted booking
 * being promoted. That last step locks a booking after a session, so two local commands can still form a cycle
 * (a seat frees while the waitlisted booking itself is being canceled); Axon's {@code PessimisticLockFactory}
 * detects that deadlock across all its lock factories and the gateway's retry runs the loser again.
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
        int waitlistCapacity = command.joinWaitlist() ? service.terms().policy().waitlistCapacity() : 0;
        boolean waitlisted = session.invoke(
                s -> s.reserveOrWaitlist(command.bookingId(), command.participants(), waitlistCapacity));
        return bookings.newInstance(() -> new Booking(command, service, session.invoke(s -> s), payment, waitlisted))
                .invoke(Booking::result);
    }

    /**
     * Moves a confirmed booking to another session of its service: the new session's seats are taken and the old
     * ones freed in this unit of work (which promotes the old session's waitlist), or nothing changes.
     */
    @CommandHandler
    public BookingCommandResult handle(RescheduleBookingCommand command) {
        Aggregate<Booking> aggregate = load(command.bookingId());
        Booking booking = aggregate.invoke(b -> b);
        if (command.sessionId() == null || command.sessionId().isBlank()) {
            throw new InvalidInputException("sessionId", "Name the sessionId to move the booking to");
        }
        if (command.sessionId().equals(booking.sessionId())) {
            return booking.result();
        }
        String oldId = booking.sessionId();
        Map<String, Aggregate<ClassSession>> locked = new HashMap<>();
        for (String id : Stream.of(oldId, command.sessionId()).sorted(Comparator.naturalOrder()).toList()) {
            find(sessions, id).ifPresent(s -> locked.put(id, s));
        }
        Aggregate<ClassSession> target = locked.get(command.sessionId());
        if (target == null) {
            throw new InvalidInputException("sessionId", "Unknown session " + command.sessionId());
        }
        if (!booking.serviceId().equals(target.invoke(ClassSession::serviceId))) {
            throw new InvalidInputException("sessionId", "Session " + command.sessionId()
                    + " is not a session of service " + booking.serviceId());
        }
        boolean moved = aggregate.invoke(b -> b.reschedule(command.expectedRevision(), target.invoke(s -> s),
                command.sessionId(), clock.instant()));
        if (moved) {
            target.execute(s -> s.reserve(command.bookingId(), booking.participants()));
            Aggregate<ClassSession> old = locked.get(oldId);
            old.execute(s -> s.release(command.bookingId()));
            promoteWaitlisted(old);
        }
        return booking.result();
    }

    /** More participants take more seats when they fit; fewer give seats back, which may promote waitlisted ones. */
    @CommandHandler
    public BookingCommandResult handle(ChangeParticipantsCommand command) {
        Aggregate<Booking> aggregate = load(command.bookingId());
        Booking booking = aggregate.invoke(b -> b);
        int before = booking.participants();
        if (aggregate.invoke(b -> b.changeParticipants(command.expectedRevision(), command.participants()))) {
            Aggregate<ClassSession> session = sessions.load(booking.sessionId());
            session.execute(s -> s.changeSeats(command.bookingId(), command.participants()));
            if (command.participants() < before) {
                promoteWaitlisted(session);
            }
        }
        return booking.result();
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
        Aggregate<Booking> aggregate = load(bookingId);
        boolean heldSeats = aggregate.invoke(Booking::holdsSeats);
        boolean wasWaitlisted = aggregate.invoke(Booking::isWaitlisted);
        aggregate.execute(transition);
        Booking booking = aggregate.invoke(b -> b);
        if (heldSeats && !booking.holdsSeats()) {
            Aggregate<ClassSession> session = sessions.load(booking.sessionId());
            session.execute(s -> s.release(bookingId));
            promoteWaitlisted(session);
        } else if (wasWaitlisted && !booking.isWaitlisted()) {
            sessions.load(booking.sessionId()).execute(s -> s.leaveWaitlist(bookingId));
        }
        return booking.result();
    }

    /** Gives the session's free seats to its waitlist (oldest that fits first) and moves each promoted booking on. */
    private void promoteWaitlisted(Aggregate<ClassSession> session) {
        List<ClassSession.Promotion> promoted = session.invoke(ClassSession::promoteWaitlisted);
        for (ClassSession.Promotion promotion : promoted) {
            load(promotion.bookingId()).execute(Booking::promote);
        }
    }

    private Aggregate<Booking> load(String bookingId) {
        return find(bookings, bookingId)
                .orElseThrow(() -> new NotFoundException("Booking " + bookingId + " does not exist"));
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

package com.bookingengine.command.booking;

import com.bookingengine.api.booking.ApprovePaymentCommand;
import com.bookingengine.api.booking.BookingCommandResult;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.ChangeParticipantsCommand;
import com.bookingengine.api.booking.ConfirmBookingCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.DeclineBookingCommand;
import com.bookingengine.api.booking.FailPaymentCommand;
import com.bookingengine.api.booking.MarkBookingPaidCommand;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.booking.RescheduleBookingCommand;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.rules.Rule;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.capacity.ClassSession;
import com.bookingengine.command.capacity.ProviderDay;
import com.bookingengine.command.catalogue.ServiceSnapshot;
import com.bookingengine.command.catalogue.ServiceSnapshots;
import com.bookingengine.command.payment.Coupon;
import com.bookingengine.command.payment.MembershipPlan;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static com.bookingengine.api.rules.Rule.*;

/**
 * Handles every booking command in one unit of work that spans the booking and what holds its seats: the class
 * session, the course's seat pool, or the provider days of an appointment. A seat (or a provider's time) is taken
 * in the same transaction that creates the booking, and given back in the same transaction that moves the
 * booking out of a seat-holding status. Either every event stream changes or none does. Freed seats promote the
 * session's waitlist in the same unit of work (appointments have no waitlist: a taken slot is refused, and
 * availability lists the free ones).
 * <p>
 * Lock order: the booking the command names, then its sessions or provider days ordered by id, then any
 * waitlisted booking being promoted, and last the booking's coupon or membership plan ({@link BookingPayments}).
 * Promotion locks a booking after a session, so two local commands can still form a cycle
 * (a seat frees while the waitlisted booking itself is being canceled); Axon's {@code PessimisticLockFactory}
 * detects that deadlock across all its lock factories and the gateway's retry runs the loser again.
 */
@Component
public class BookingCommandHandler {

    private final Repository<Booking> bookings;
    private final Repository<ClassSession> sessions;
    private final Repository<ProviderDay> days;
    private final ServiceSnapshots services;
    private final BookingRules rules;
    private final BookingPayments payments;
    private final Clock clock;

    public BookingCommandHandler(Repository<Booking> bookings, Repository<ClassSession> sessions,
                                 Repository<ProviderDay> days, ServiceSnapshots services,
                                 Repository<Coupon> coupons, Repository<MembershipPlan> plans, Clock clock) {
        this.bookings = bookings;
        this.sessions = sessions;
        this.days = days;
        this.services = services;
        this.rules = new BookingRules();
        this.payments = new BookingPayments(coupons, plans);
        this.clock = clock;
    }

    @CommandHandler
    public BookingCommandResult handle(CreateBookingCommand command, DeadlineManager deadlines) throws Exception {
        Optional<Aggregate<Booking>> existing = find(bookings, command.bookingId());
        if (existing.isPresent()) {
            Booking booking = existing.get().invoke(b -> b);
            if (!booking.isSameRequest(command)) {
                throw new RuleViolation(ALREADY_EXISTS, "Booking " + command.bookingId()
                        + " already exists with different content; use a new bookingId");
            }
            return booking.result();
        }
        ServiceSnapshot service = snapshot(command.serviceId(), BOOKING_OF_UNKNOWN_SERVICE);
        Place place = rules.placeOf(service, command.sessionId(), command.start(), command.end(),
                id -> find(sessions, id));
        var payment = rules.check(command, service, place, clock.instant());
        boolean waitlisted = false;
        if (service.type() == ServiceType.APPOINTMENT) {
            reserveTime(command.bookingId(), service.serviceId(), service.terms(), place, Set.of());
        } else {
            int waitlistCapacity = command.joinWaitlist() ? service.terms().policy().waitlistCapacity() : 0;
            waitlisted = sessions.load(place.sessionId()).invoke(
                    s -> s.reserveOrWaitlist(command.bookingId(), command.participants(), waitlistCapacity));
        }
        boolean onWaitlist = waitlisted;
        PaymentDetails charged = payments.redeem(command, payment, clock.instant()); // a waitlisted booking too
        Booking booking = bookings.newInstance(() -> new Booking(command, service, place, charged, onWaitlist))
                .invoke(b -> b);
        startCheckoutClock(booking, null, deadlines);
        return booking.result();
    }

    /**
     * Moves a confirmed booking: a class booking to another session of its service, an appointment to another slot
     * of the service's current grid. The new seats (or time) are taken and the old ones freed in this unit of work
     * (which promotes the old session's waitlist), or nothing changes.
     */
    @CommandHandler
    public BookingCommandResult handle(RescheduleBookingCommand command, DeadlineManager deadlines) {
        Aggregate<Booking> aggregate = load(command.bookingId());
        Booking booking = aggregate.invoke(b -> b);
        return switch (booking.serviceType()) {
            case APPOINTMENT -> rescheduleAppointment(command, aggregate, booking);
            case CLASS -> rescheduleClass(command, aggregate, booking, deadlines);
            case COURSE -> {
                aggregate.invoke(b -> b.reschedule(command.expectedRevision(), b.place(), clock.instant()));
                yield booking.result(); // not reached: a course booking refuses to move
            }
        };
    }

    private BookingCommandResult rescheduleClass(RescheduleBookingCommand command, Aggregate<Booking> aggregate,
                                                 Booking booking, DeadlineManager deadlines) {
        if (command.sessionId() == null || command.sessionId().isBlank()) {
            throw new RuleViolation(SESSION_REQUIRED, "Name the sessionId to move the booking to");
        }
        if (command.sessionId().equals(booking.sessionId())) {
            // already there: nothing moves, but a stale expected revision is still refused (by the booking)
            aggregate.invoke(b -> b.reschedule(command.expectedRevision(), b.place(), clock.instant()));
            return booking.result();
        }
        String oldId = booking.sessionId();
        Map<String, Aggregate<ClassSession>> locked = new HashMap<>();
        for (String id : Stream.of(oldId, command.sessionId()).sorted(Comparator.naturalOrder()).toList()) {
            find(sessions, id).ifPresent(s -> locked.put(id, s));
        }
        ServiceSnapshot service = snapshot(booking.serviceId(), SERVICE_OF_BOOKING_GONE);
        Place to = rules.placeOf(service, command.sessionId(), command.start(), command.end(),
                id -> Optional.ofNullable(locked.get(id)));
        if (aggregate.invoke(b -> b.reschedule(command.expectedRevision(), to, clock.instant()))) {
            locked.get(to.sessionId()).execute(s -> s.reserve(command.bookingId(), booking.participants()));
            Aggregate<ClassSession> old = locked.get(oldId);
            old.execute(s -> s.release(command.bookingId()));
            promoteWaitlisted(old, deadlines);
        }
        return booking.result();
    }

    private BookingCommandResult rescheduleAppointment(RescheduleBookingCommand command, Aggregate<Booking> aggregate,
                                                       Booking booking) {
        ServiceSnapshot service = snapshot(booking.serviceId(), SERVICE_OF_BOOKING_GONE);
        Place to = rules.placeOf(service, command.sessionId(), command.start(), command.end(),
                id -> Optional.empty());
        Place from = booking.place();
        if (aggregate.invoke(b -> b.reschedule(command.expectedRevision(), to, clock.instant()))) {
            // the booking keeps its own buffer and time zone (its snapshot), whatever the service says now
            Set<String> oldDays = new HashSet<>();
            occupied(booking.serviceId(), booking.terms(), from).forEach(p -> oldDays.add(p.dayId()));
            reserveTime(command.bookingId(), booking.serviceId(), booking.terms(), to, oldDays);
        }
        return booking.result();
    }

    /**
     * Reserves [start, end + buffer) of the provider's time for a booking, piece by piece in each local day it
     * touches, and gives back whatever the booking held on {@code alsoRelease} days that the new time does not
     * touch. Days are locked in id order (chronological), opened when first needed.
     */
    private void reserveTime(String bookingId, String serviceId, BookingTerms terms, Place place,
                             Set<String> alsoRelease) {
        List<ProviderDay.Piece> pieces = occupied(serviceId, terms, place);
        Map<String, Aggregate<ProviderDay>> locked = new TreeMap<>();
        Map<String, ProviderDay.Piece> byDay = new HashMap<>();
        pieces.forEach(p -> byDay.put(p.dayId(), p));
        Set<String> all = new TreeSet<>(alsoRelease);
        all.addAll(byDay.keySet());
        for (String dayId : all) {
            ProviderDay.Piece piece = byDay.get(dayId);
            Optional<Aggregate<ProviderDay>> day = find(days, dayId);
            if (day.isPresent()) {
                locked.put(dayId, day.get());
            } else if (piece != null) {
                locked.put(dayId, open(piece, serviceId, terms.timeZone()));
            }
        }
        for (var entry : locked.entrySet()) {
            ProviderDay.Piece piece = byDay.get(entry.getKey());
            if (piece != null) {
                entry.getValue().execute(d -> d.reserve(bookingId, piece.from(), piece.to()));
            } else {
                entry.getValue().execute(d -> d.release(bookingId));
            }
        }
    }

    private Aggregate<ProviderDay> open(ProviderDay.Piece piece, String serviceId, String timeZone) {
        try {
            return days.newInstance(() -> new ProviderDay(piece.dayId(), serviceId, piece.date(), timeZone));
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Gives back every piece of provider time an appointment holds. */
    private void releaseTime(Booking booking) {
        for (ProviderDay.Piece piece : occupied(booking.serviceId(), booking.terms(), booking.place())) {
            find(days, piece.dayId()).ifPresent(day -> day.execute(d -> d.release(booking.bookingId())));
        }
    }

    /** The provider time an appointment holds: its slot and the buffer after it, cut at local midnights. */
    private static List<ProviderDay.Piece> occupied(String serviceId, BookingTerms terms, Place place) {
        return ProviderDay.pieces(serviceId, ZoneId.of(terms.timeZone()),
                terms.policy().heldTime(place.start(), place.end()));
    }

    /** More participants take more seats when they fit; fewer give seats back, which may promote waitlisted ones. */
    @CommandHandler
    public BookingCommandResult handle(ChangeParticipantsCommand command, DeadlineManager deadlines) {
        Aggregate<Booking> aggregate = load(command.bookingId());
        Booking booking = aggregate.invoke(b -> b);
        int before = booking.participants();
        if (aggregate.invoke(b -> b.changeParticipants(command.expectedRevision(), command.participants()))) {
            Aggregate<ClassSession> session = sessions.load(booking.sessionId());
            session.execute(s -> s.changeSeats(command.bookingId(), command.participants()));
            if (command.participants() < before) {
                promoteWaitlisted(session, deadlines);
            }
            payments.changeParticipants(booking, command.participants());
        }
        return booking.result();
    }
    @CommandHandler
    public BookingCommandResult handle(ConfirmBookingCommand command, DeadlineManager deadlines) {
        return change(command.bookingId(), b -> b.confirm(command.expectedRevision(), command.reason()), deadlines);
    }

    @CommandHandler
    public BookingCommandResult handle(DeclineBookingCommand command, DeadlineManager deadlines) {
        return change(command.bookingId(), b -> b.decline(command.expectedRevision(), command.reason()), deadlines);
    }

    @CommandHandler
    public BookingCommandResult handle(CancelBookingCommand command, DeadlineManager deadlines) {
        return change(command.bookingId(), b -> b.cancel(command.expectedRevision(), command.reason(),
                command.requestedBy(), clock.instant()), deadlines);
    }

    @CommandHandler
    public BookingCommandResult handle(ApprovePaymentCommand command, DeadlineManager deadlines) {
        return change(command.bookingId(),
                b -> b.approvePayment(command.expectedRevision(), command.transactionId()), deadlines);
    }

    @CommandHandler
    public BookingCommandResult handle(FailPaymentCommand command, DeadlineManager deadlines) {
        return change(command.bookingId(), b -> b.failPayment(command.expectedRevision(), command.reason()), deadlines);
    }

    @CommandHandler
    public BookingCommandResult handle(MarkBookingPaidCommand command, DeadlineManager deadlines) {
        return change(command.bookingId(), b -> b.markPaid(command.expectedRevision()), deadlines);
    }

    /**
     * Applies one lifecycle change; if the booking stops holding seats, its session (or the provider's days) gets
     * them back, and its coupon's use or plan's credits go back too.
     */
    private BookingCommandResult change(String bookingId, Consumer<Booking> transition, DeadlineManager deadlines) {
        Aggregate<Booking> aggregate = load(bookingId);
        BookingStatus before = aggregate.invoke(Booking::status);
        boolean heldSeats = aggregate.invoke(Booking::holdsSeats);
        boolean wasWaitlisted = aggregate.invoke(Booking::isWaitlisted);
        aggregate.execute(transition);
        Booking booking = aggregate.invoke(b -> b);
        if (heldSeats && !booking.holdsSeats() && booking.serviceType() == ServiceType.APPOINTMENT) {
            releaseTime(booking);
        } else if (heldSeats && !booking.holdsSeats()) {
            Aggregate<ClassSession> session = sessions.load(booking.sessionId());
            session.execute(s -> s.release(bookingId));
            promoteWaitlisted(session, deadlines);
        } else if (wasWaitlisted && !booking.isWaitlisted()) {
            sessions.load(booking.sessionId()).execute(s -> s.leaveWaitlist(bookingId));
        }
        if ((heldSeats || wasWaitlisted) && !booking.holdsSeats() && !booking.isWaitlisted()) {
            payments.giveBack(booking);
        }
        startCheckoutClock(booking, before, deadlines);
        return booking.result();
    }

    /** Gives the session's free seats to its waitlist (oldest that fits first) and moves each promoted booking on. */
    private void promoteWaitlisted(Aggregate<ClassSession> session, DeadlineManager deadlines) {
        List<ClassSession.Promotion> promoted = session.invoke(ClassSession::promoteWaitlisted);
        for (ClassSession.Promotion promotion : promoted) {
            Aggregate<Booking> booking = load(promotion.bookingId());
            booking.execute(Booking::promote);
            startCheckoutClock(booking.invoke(b -> b), BookingStatus.PENDING, deadlines);
        }
    }

    /**
     * Ends an unpaid checkout whose deadline fired (sent by the booking's deadline handler): CANCELED, seats freed,
     * waitlist promoted. A booking no longer in checkout is left as it is.
     */
    @CommandHandler
    public BookingCommandResult handle(ExpireCheckoutCommand command, DeadlineManager deadlines) {
        return change(command.bookingId(), Booking::expireCheckout, deadlines);
    }

    /**
     * A booking that has just entered PENDING_CHECKOUT gets a deadline {@code checkoutTimeoutMinutes} (of its terms)
     * from now, scheduled in this unit of work: it exists exactly when the checkout does. The deadline manager is a
     * persistent one (db-scheduler on the engine's database), so a restart does not lose it and one node fires it.
     */
    private static void startCheckoutClock(Booking booking, BookingStatus before, DeadlineManager deadlines) {
        if (before != BookingStatus.PENDING_CHECKOUT && booking.status() == BookingStatus.PENDING_CHECKOUT) {
            deadlines.schedule(booking.checkoutTimeout(), CheckoutExpiry.DEADLINE,
                    new CheckoutExpiry(booking.bookingId()),
                    new AggregateScopeDescriptor(Booking.class.getSimpleName(), booking.bookingId()));
        }
    }

    private ServiceSnapshot snapshot(String serviceId, Rule unknown) {
        return services.current(serviceId)
                .orElseThrow(() -> new RuleViolation(unknown, "Unknown service " + serviceId));
    }

    private Aggregate<Booking> load(String bookingId) {
        return find(bookings, bookingId)
                .orElseThrow(() -> new RuleViolation(BOOKING_NOT_FOUND, "Booking " + bookingId + " does not exist"));
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

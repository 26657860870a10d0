package com.bookingengine.command.booking;

import com.bookingengine.api.booking.ApprovePaymentCommand;
import com.bookingengine.api.booking.BookingCommandResult;
import com.bookingengine.api.booking.BookingStatus;
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
import com.bookingengine.command.caching.StoredVersions;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static com.bookingengine.api.rules.Rule.*;

/**
 * Handles every booking command in one unit of work that spans the booking and what holds its room: the class
 * session, the course's seat pool, or the provider days of an appointment, each reached through its {@link Holding}
 * so that every command reads the same for every type of service. Room is taken in the same transaction that
 * creates the booking, and given back in the same transaction that moves the booking out of a seat-holding status.
 * Either every event stream changes or none does. Freed seats promote the session's waitlist in the same unit of
 * work (appointments have no waitlist: a taken slot is refused, and availability lists the free ones).
 * <p>
 * Lock order: the booking the command names, then what holds its room (sessions, or provider days, each in id
 * order), then any waitlisted booking being promoted, and last the booking's coupon or membership plan
 * ({@link BookingPayments}). Promotion locks a booking after a session, so two local commands can still form a
 * cycle (a seat frees while the waitlisted booking itself is being canceled); Axon's {@code PessimisticLockFactory}
 * detects that deadlock across all its lock factories and the gateway's retry runs the loser again.
 */
@Component
public class BookingCommandHandler {

    private final Repository<Booking> bookings;
    private final Repository<ClassSession> sessions;
    private final ServiceSnapshots services;
    private final StoredVersions versions;
    private final Map<ServiceType, Holding> holdings;
    private final BookingRules rules;
    private final BookingPayments payments;
    private final Clock clock;

    public BookingCommandHandler(Repository<Booking> bookings, Repository<ClassSession> sessions,
                                 Repository<ProviderDay> days, ServiceSnapshots services,
                                 Repository<Coupon> coupons, Repository<MembershipPlan> plans, StoredVersions versions,
                                 Clock clock) {
        this.bookings = bookings;
        this.sessions = sessions;
        this.services = services;
        this.versions = versions;
        this.holdings = Map.of(ServiceType.CLASS, new SessionSeats(sessions), ServiceType.COURSE,
                new CourseSeats(new SessionSeats(sessions)), ServiceType.APPOINTMENT, new ProviderTime(days));
        this.rules = new BookingRules();
        this.payments = new BookingPayments(coupons, plans);
        this.clock = clock;
    }

    @CommandHandler
    public BookingCommandResult handle(CreateBookingCommand command, DeadlineManager deadlines) throws Exception {
        // the booking id, the service and a class's session in one read where cached copies are checked; a booking id
        // that had no events then is new (a request repeated meanwhile fails its append and is retried)
        versions.prefetch(command.bookingId(), command.serviceId(), command.sessionId());
        boolean maybeStored = StoredVersions.prefetched(command.bookingId()).map(Optional::isPresent).orElse(true);
        Optional<Aggregate<Booking>> existing = maybeStored ? find(bookings, command.bookingId()) : Optional.empty();
        if (existing.isPresent()) {
            Booking booking = existing.get().invoke(b -> b);
            if (!booking.isSameRequest(command)) {
                throw new RuleViolation(ALREADY_EXISTS, "Booking " + command.bookingId()
                        + " already exists with different content; use a new bookingId");
            }
            return booking.result();
        }
        ServiceSnapshot service = snapshot(command.serviceId(), BOOKING_OF_UNKNOWN_SERVICE);
        Place wanted = rules.placeOf(service, command.sessionId(), command.start(), command.end(),
                command.providerId(), id -> find(sessions, id));
        var payment = rules.check(command, service, wanted, clock.instant());
        int waitlistCapacity = command.joinWaitlist() ? service.terms().policy().waitlistCapacity() : 0;
        Holding.Held held = holdings.get(service.type()).take(command.bookingId(),
                new Holding.Wanted(service, service.terms(), wanted, command.participants(), waitlistCapacity));
        PaymentDetails charged = payments.redeem(command, payment, clock.instant()); // a waitlisted booking too
        Booking booking = bookings.newInstance(() -> new Booking(command, service, held.place(), charged,
                held.waitlisted())).invoke(b -> b);
        startCheckoutClock(booking, null, deadlines);
        return booking.result();
    }

    /**
     * Moves a confirmed booking: a class booking to another session of its service, an appointment to another slot
     * of the service's current grid (keeping its provider when free then, else another free one, or the one named).
     * The new room is taken and the old freed in this unit of work (which promotes the old session's waitlist), or
     * nothing changes. The booking keeps its own buffer and time zone (its snapshot), whatever the service says now.
     */
    @CommandHandler
    public BookingCommandResult handle(RescheduleBookingCommand command, DeadlineManager deadlines) {
        Aggregate<Booking> aggregate = load(command.bookingId());
        Booking booking = aggregate.invoke(b -> b);
        aggregate.execute(b -> b.requireMovable(command.expectedRevision()));
        ServiceSnapshot service = snapshot(booking.serviceId(), SERVICE_OF_BOOKING_GONE);
        // the sessions a class booking moves between are locked in id order, before either is looked at
        Stream.of(booking.sessionId(), command.sessionId()).filter(id -> id != null && !id.isBlank()).sorted()
                .forEach(id -> find(sessions, id));
        Place to = rules.placeOf(service, command.sessionId(), command.start(), command.end(), command.providerId(),
                id -> find(sessions, id));
        if (aggregate.invoke(b -> b.mustMove(to, clock.instant()))) {
            Holding.Held held = holdings.get(booking.serviceType()).move(booking,
                    new Holding.Wanted(service, booking.terms(), to, booking.participants(), 0));
            aggregate.execute(b -> b.moveTo(held.place()));
            promote(held.promoted(), deadlines);
        }
        return booking.result();
    }

    /** More participants take more seats when they fit; fewer give seats back, which may promote waitlisted ones. */
    @CommandHandler
    public BookingCommandResult handle(ChangeParticipantsCommand command, DeadlineManager deadlines) {
        Aggregate<Booking> aggregate = load(command.bookingId());
        Booking booking = aggregate.invoke(b -> b);
        if (aggregate.invoke(b -> b.changeParticipants(command.expectedRevision(), command.participants()))) {
            promote(holdings.get(booking.serviceType()).resize(booking, command.participants()), deadlines);
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
        Holding holding = holdings.get(booking.serviceType());
        if (heldSeats && !booking.holdsSeats()) {
            promote(holding.release(booking), deadlines);
        } else if (wasWaitlisted && !booking.isWaitlisted()) {
            holding.leaveWaitlist(booking);
        }
        if ((heldSeats || wasWaitlisted) && !booking.holdsSeats() && !booking.isWaitlisted()) {
            payments.giveBack(booking);
        }
        startCheckoutClock(booking, before, deadlines);
        return booking.result();
    }

    /** Moves each booking just given its seats on (from the waitlist), as it would have at creation. */
    private void promote(List<String> promoted, DeadlineManager deadlines) {
        for (String bookingId : promoted) {
            Aggregate<Booking> booking = load(bookingId);
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

package com.bookingengine.command.booking;

import com.bookingengine.api.booking.BookingCanceledEvent;
import com.bookingengine.api.booking.BookingCommandResult;
import com.bookingengine.api.booking.BookingConfirmedEvent;
import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingDeclinedEvent;
import com.bookingengine.api.booking.BookingMarkedPaidEvent;
import com.bookingengine.api.booking.BookingParticipantsChangedEvent;
import com.bookingengine.api.booking.BookingPromotedEvent;
import com.bookingengine.api.booking.BookingRescheduledEvent;
import com.bookingengine.api.booking.BookingStateChange;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.CheckoutExpiredEvent;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.PaymentApprovedEvent;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.booking.PaymentFailedEvent;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.ActorMetadata;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.caching.CacheNames;
import com.bookingengine.command.catalogue.ServiceSnapshot;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import static com.bookingengine.api.rules.Rule.*;
import static com.bookingengine.api.booking.BookingStatus.CANCELED;
import static com.bookingengine.api.booking.BookingStatus.CONFIRMED;
import static com.bookingengine.api.booking.BookingStatus.DECLINED;
import static com.bookingengine.api.booking.BookingStatus.PENDING;
import static com.bookingengine.api.booking.BookingStatus.PENDING_CHECKOUT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A booking's lifecycle (SPEC §3): its status, payment status and the terms it was made under. Seats are not
 * counted here: the session aggregate owns them, and {@link BookingCommandHandler} changes both in one unit
 * of work. Every method first checks the caller's expected revision (a stale one is refused, even for a
 * transition that would change nothing), then either applies the events of a legal transition, does nothing when
 * the booking already stands where the transition leads, or refuses naming the current status.
 */
@Aggregate(cache = CacheNames.BOOKINGS)
public class Booking {

    @AggregateIdentifier
    private String bookingId;
    private BookingCreatedEvent creation;
    private BookingStatus status;
    private PaymentStatus paymentStatus;
    private String paidTransactionId;
    private long revision;
    private boolean waitlisted;
    private String sessionId;
    private String providerId;
    private Instant start;
    private Instant end;
    private int participants;
    private Money finalPrice;

    /** The actor recorded on events the engine applies on its own (promotions), not on a caller's behalf. */
    static final String SYSTEM_ACTOR = ActorMetadata.SYSTEM;

    protected Booking() {
        // for Axon
    }

    /**
     * Opens a booking whose seats (or provider time) at {@code place} have just been reserved, or, when
     * {@code waitlisted}, that waits on the session's waitlist as PENDING without a seat.
     */
    Booking(CreateBookingCommand command, ServiceSnapshot service, Place place, PaymentDetails payment,
            boolean waitlisted) {
        BookingTerms terms = service.terms();
        boolean free = payment.finalPrice().isZero();
        BookingStatus initial = waitlisted ? PENDING : statusWithSeats(terms, payment);
        PaymentStatus paid = payment.option() == PaymentOption.MEMBERSHIP ? PaymentStatus.PAID // with credits
                : free ? PaymentStatus.EXEMPT
                : initial == PENDING_CHECKOUT ? PaymentStatus.PENDING
                : PaymentStatus.NOT_PAID;
        apply(new BookingCreatedEvent(command.bookingId(), service.serviceId(), service.name(), service.type(),
                place.sessionId(), place.start(), place.end(), command.participants(), command.contact(),
                command.formInfo() == null ? Map.of() : Map.copyOf(command.formInfo()), payment, initial, paid,
                waitlisted, terms, place.providerId()));
    }

    /** Where a booking holding its seats starts: approval required, else checkout when payment is owed online. */
    private static BookingStatus statusWithSeats(BookingTerms terms, PaymentDetails payment) {
        return terms.requiresApproval() ? PENDING
                : payment.option() == PaymentOption.ONLINE && !payment.finalPrice().isZero() ? PENDING_CHECKOUT
                : CONFIRMED;
    }

    /**
     * A waitlisted booking has been given its seats in its session: it moves on as it would have at creation.
     * The engine does this on its own when another booking frees seats, so the event's actor is {@code system}
     * (metadata given to apply wins over the command's correlation data: GenericMessage merges it last).
     */
    void promote() {
        if (!waitlisted || status != PENDING) {
            throw new IllegalStateException("Booking " + bookingId + " is not waitlisted; it is " + status);
        }
        BookingStatus next = statusWithSeats(creation.terms(), creation.payment());
        PaymentStatus paid = next == PENDING_CHECKOUT ? PaymentStatus.PENDING : paymentStatus;
        AggregateLifecycle.apply(new BookingPromotedEvent(bookingId, sessionId, next, paid),
                MetaData.with(ActorMetadata.KEY, SYSTEM_ACTOR));
    }

    /**
     * Whether the booking may be rescheduled at all, asked before the place it wants is looked at: a stale revision
     * is refused, and a course booking never moves, whatever it names.
     */
    void requireMovable(Long expectedRevision) {
        requireRevision(expectedRevision);
        if (creation.serviceType() == ServiceType.COURSE) {
            throw new RuleViolation(COURSE_NOT_RESCHEDULABLE, "Booking " + bookingId
                    + " is a course booking; courses cannot be rescheduled");
        }
    }

    /**
     * Whether CONFIRMED --reschedule--> CONFIRMED at {@code to} (another session of a class, another slot or provider
     * of an appointment) must happen: false, changing nothing, when the booking is already there; refused unless
     * CONFIRMED and within the booking's policy snapshot (min notice, max advance).
     */
    boolean mustMove(Place to, Instant now) {
        if (to.isMetBy(place())) {
            return false;
        }
        requireStatus("reschedule", CONFIRMED);
        creation.terms().policy().checkTiming(to.start(), now, to.describe());
        return true;
    }

    /** The booking now sits at {@code to}, whose room (and provider) has just been taken for it. */
    void moveTo(Place to) {
        apply(new BookingRescheduledEvent(bookingId, sessionId, to.sessionId(), to.start(), to.end(), status,
                paymentStatus, to.providerId()));
    }

    /**
     * A seat-holding booking brings {@code newParticipants} (within the policy's maximum); its price follows.
     * Answers false, changing nothing, when the count is unchanged. The session decides whether extra seats fit.
     */
    boolean changeParticipants(Long expectedRevision, int newParticipants) {
        creation.terms().policy().checkParticipants(newParticipants);
        if (!creation.terms().pricePerParticipant().canMultiplyBy(newParticipants)) {
            throw new RuleViolation(PRICE_ABOVE_MAXIMUM, newParticipants + " participants at "
                    + creation.terms().pricePerParticipant().amount() + " each would cost more than "
                    + Money.MAX_AMOUNT.toPlainString() + ", the largest amount the engine takes");
        }
        requireRevision(expectedRevision);
        if (newParticipants == participants) {
            return false;
        }
        if (creation.serviceType() == ServiceType.APPOINTMENT) {
            throw new RuleViolation(APPOINTMENT_PARTICIPANTS_FIXED,
                    "Booking " + bookingId + " is an appointment; only class and "
                    + "course bookings change participants");
        }
        if (waitlisted && status == PENDING) {
            throw new RuleViolation(WAITLISTED_HOLDS_NO_SEAT, "Booking " + bookingId
                    + " is on the waitlist and holds no seats; cancel it and book again");
        }
        requireStatus("change the participants of", PENDING, PENDING_CHECKOUT, CONFIRMED);
        PaymentDetails payment = creation.payment().repriced(creation.terms().pricePerParticipant().times(newParticipants));
        apply(new BookingParticipantsChangedEvent(bookingId, participants, newParticipants, payment.price(),
                payment.finalPrice(), status, paymentStatus));
        return true;
    }

    /**
     * Whether {@code command} asks for exactly this booking: a client that repeats a create (a retry after a
     * timeout) gets the first result; the same id with other content is a conflict.
     */
    boolean isSameRequest(CreateBookingCommand command) {
        Map<String, String> formInfo = command.formInfo() == null ? Map.of() : command.formInfo();
        boolean samePlace = creation.serviceType() == ServiceType.COURSE
                ? command.sessionId() == null || command.sessionId().equals(creation.sessionId())
                : Objects.equals(creation.sessionId(), command.sessionId())
                && (creation.serviceType() != ServiceType.APPOINTMENT
                || Objects.equals(creation.start(), command.start()) && Objects.equals(creation.end(), command.end())
                && (command.providerId() == null || command.providerId().equals(creation.providerId())));
        return Objects.equals(creation.serviceId(), command.serviceId())
                && samePlace
                && creation.participants() == command.participants()
                && Objects.equals(creation.contact(), command.contact())
                && Objects.equals(creation.formInfo(), formInfo)
                && command.payment() != null
                && creation.payment().option() == command.payment().option()
                && Objects.equals(creation.payment().method(), command.payment().method())
                && Objects.equals(creation.payment().couponCode(), command.payment().couponCode())
                && Objects.equals(creation.payment().planId(), command.payment().planId());
    }

    /** PENDING --confirm (owner)--> PENDING_CHECKOUT if online payment is still owed, else CONFIRMED. */
    void confirm(Long expectedRevision, String reason) {
        requireRevision(expectedRevision);
        if (status == CONFIRMED || status == PENDING_CHECKOUT) {
            return;
        }
        requireStatus("confirm", PENDING);
        if (waitlisted) {
            throw new RuleViolation(WAITLISTED_HOLDS_NO_SEAT, "Booking " + bookingId
                    + " is on the waitlist and holds no seat yet; it can be confirmed once it is promoted");
        }
        boolean paymentOwed = creation.payment().option() == PaymentOption.ONLINE && paymentStatus != PaymentStatus.EXEMPT;
        apply(paymentOwed
                ? new BookingConfirmedEvent(bookingId, reason, PENDING_CHECKOUT, PaymentStatus.PENDING)
                : new BookingConfirmedEvent(bookingId, reason, CONFIRMED, paymentStatus));
    }

    /** PENDING --decline (owner)--> DECLINED. */
    void decline(Long expectedRevision, String reason) {
        requireRevision(expectedRevision);
        if (status == DECLINED) {
            return;
        }
        requireStatus("decline", PENDING);
        apply(new BookingDeclinedEvent(bookingId, reason, DECLINED, releasedPayment()));
    }

    /**
     * PENDING, PENDING_CHECKOUT, CONFIRMED --cancel--> CANCELED. A customer cannot cancel inside the cancellation
     * window before the start; the owner can at any time.
     */
    void cancel(Long expectedRevision, String reason, CancelRequester requester, Instant now) {
        requireRevision(expectedRevision);
        if (status == CANCELED) {
            return;
        }
        requireStatus("cancel", PENDING, PENDING_CHECKOUT, CONFIRMED);
        Duration window = Duration.ofMinutes(creation.terms().policy().cancellationWindowMinutes());
        if (requester == CancelRequester.CUSTOMER && now.isAfter(start.minus(window))) {
            throw new RuleViolation(CANCELLATION_WINDOW_PASSED, "Booking " + bookingId + " starts at "
                    + start + "; customers cannot cancel later than " + window.toMinutes()
                    + " minute(s) before the start. The owner can.");
        }
        apply(new BookingCanceledEvent(bookingId, requester, reason, CANCELED, releasedPayment()));
    }

    /** PENDING_CHECKOUT --payment approved--> CONFIRMED and PAID. The same transaction again is a no-op. */
    void approvePayment(Long expectedRevision, String transactionId) {
        requireRevision(expectedRevision);
        if (paymentStatus == PaymentStatus.PAID && Objects.equals(transactionId, paidTransactionId)) {
            return;
        }
        if (paymentStatus == PaymentStatus.PAID) {
            throw new RuleViolation(ALREADY_PAID, "Booking " + bookingId + " is already paid by transaction "
                    + paidTransactionId);
        }
        requireStatus("approve the payment of", PENDING_CHECKOUT);
        apply(new PaymentApprovedEvent(bookingId, transactionId, CONFIRMED, PaymentStatus.PAID));
    }

    /**
     * PENDING_CHECKOUT --checkout timeout--> CANCELED, applied by the engine ({@code system}). Answers false, changing
     * nothing, when the booking has left checkout meanwhile (paid, failed, canceled): a deadline that fires late
     * or twice is harmless.
     */
    boolean expireCheckout() {
        if (status != PENDING_CHECKOUT) {
            return false;
        }
        AggregateLifecycle.apply(new CheckoutExpiredEvent(bookingId, CANCELED, PaymentStatus.NOT_PAID),
                MetaData.with(ActorMetadata.KEY, SYSTEM_ACTOR));
        return true;
    }

    /**
     * The booking's checkout deadline fired: it sends {@link ExpireCheckoutCommand}, which the command handler
     * carries out like any booking command, freeing the seats (and promoting the waitlist) in its unit of work exactly
     * as a failed payment would. It waits for the outcome, so a failure fails the deadline and the scheduler runs it
     * again. Runs on whichever node's scheduler picked the deadline; a due row is taken by one node only.
     */
    @DeadlineHandler(deadlineName = CheckoutExpiry.DEADLINE)
    void onCheckoutDeadline(CheckoutExpiry expiry, CommandBus commandBus) throws Exception {
        FutureCallback<Object, Object> outcome = new FutureCallback<>();
        // sent as the engine itself, so every event of the expiry (seats, coupon, plan) records actor system
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(new ExpireCheckoutCommand(expiry.bookingId()))
                .andMetaData(MetaData.with(ActorMetadata.KEY, SYSTEM_ACTOR)), outcome);
        CommandResultMessage<?> result = outcome.getResult();
        if (result.isExceptional()) {
            throw new IllegalStateException("Checkout of booking " + expiry.bookingId() + " could not expire",
                    result.exceptionResult());
        }
    }

    /** How long a checkout holds the seat: the timeout of the policy this booking was made under. */
    Duration checkoutTimeout() {
        return Duration.ofMinutes(creation.terms().policy().checkoutTimeoutMinutes());
    }

    BookingStatus status() {
        return status;
    }

    /** PENDING_CHECKOUT --payment failed--> CANCELED. */
    void failPayment(Long expectedRevision, String reason) {
        requireRevision(expectedRevision);
        if (status == CANCELED) {
            return;
        }
        requireStatus("fail the payment of", PENDING_CHECKOUT);
        apply(new PaymentFailedEvent(bookingId, reason, CANCELED, PaymentStatus.NOT_PAID));
    }

    /** CONFIRMED with IN_PERSON --mark paid (owner)--> payment status PAID. */
    void markPaid(Long expectedRevision) {
        requireRevision(expectedRevision);
        if (paymentStatus == PaymentStatus.PAID && creation.payment().option() == PaymentOption.IN_PERSON) {
            return;
        }
        requireStatus("mark paid", CONFIRMED);
        if (creation.payment().option() != PaymentOption.IN_PERSON || paymentStatus != PaymentStatus.NOT_PAID) {
            throw new RuleViolation(ONLY_UNPAID_IN_PERSON_MARKED_PAID,
                    "Only an unpaid in-person booking can be marked paid; booking "
                    + bookingId + " is " + creation.payment().option() + " with payment status " + paymentStatus);
        }
        apply(new BookingMarkedPaidEvent(bookingId, CONFIRMED, PaymentStatus.PAID));
    }

    /** Whether this booking counts against its session's capacity. */
    boolean holdsSeats() {
        return !waitlisted && (status == PENDING || status == PENDING_CHECKOUT || status == CONFIRMED);
    }

    /** Whether this booking waits on its session's waitlist. */
    boolean isWaitlisted() {
        return waitlisted;
    }

    String sessionId() {
        return sessionId;
    }

    String bookingId() {
        return bookingId;
    }

    /** Where the booking sits now. */
    Place place() {
        return new Place(sessionId, start, end, providerId);
    }

    ServiceType serviceType() {
        return creation.serviceType();
    }

    BookingTerms terms() {
        return creation.terms();
    }

    String serviceId() {
        return creation.serviceId();
    }

    int participants() {
        return participants;
    }

    /** The payment as made at creation: option, coupon, plan. */
    PaymentDetails payment() {
        return creation.payment();
    }

    BookingCommandResult result() {
        return new BookingCommandResult(bookingId, status, paymentStatus, revision, finalPrice);
    }

    private void requireStatus(String action, BookingStatus... allowed) {
        for (BookingStatus s : allowed) {
            if (s == status) {
                return;
            }
        }
        throw new RuleViolation(WRONG_STATUS, "Cannot " + action + " booking " + bookingId + ": it is " + status);
    }

    /**
     * A caller that names the revision it read is refused when the booking has moved on since, before
     * anything else is looked at: even a transition that would change nothing must not answer 200 to a stale read.
     */
    private void requireRevision(Long expectedRevision) {
        if (expectedRevision != null && expectedRevision != revision) {
            throw new RuleViolation(STALE_REVISION, "Booking " + bookingId + " is at revision " + revision
                    + ", not the expected " + expectedRevision + "; read it again");
        }
    }

    private PaymentStatus unpaidIfPending() {
        return paymentStatus == PaymentStatus.PENDING ? PaymentStatus.NOT_PAID : paymentStatus;
    }

    /** Credits paid with go back to the plan when the booking stops holding its place (the handler refunds them). */
    private PaymentStatus releasedPayment() {
        return creation.payment().option() == PaymentOption.MEMBERSHIP && paymentStatus == PaymentStatus.PAID
                ? PaymentStatus.REFUNDED : unpaidIfPending();
    }

    @EventSourcingHandler
    void on(BookingCreatedEvent event) {
        bookingId = event.bookingId();
        creation = event;
        waitlisted = event.waitlisted();
        sessionId = event.sessionId();
        providerId = event.providerId();
        start = event.start();
        end = event.end();
        participants = event.participants();
        finalPrice = event.payment().finalPrice();
        onStateChange(event);
    }

    @EventSourcingHandler
    void on(BookingPromotedEvent event) {
        waitlisted = false;
        onStateChange(event);
    }

    @EventSourcingHandler
    void on(BookingRescheduledEvent event) {
        sessionId = event.sessionId();
        providerId = event.providerId();
        start = event.start();
        end = event.end();
        onStateChange(event);
    }

    @EventSourcingHandler
    void on(BookingParticipantsChangedEvent event) {
        participants = event.participants();
        finalPrice = event.finalPrice();
        onStateChange(event);
    }

    @EventSourcingHandler
    void on(PaymentApprovedEvent event) {
        paidTransactionId = event.transactionId();
        onStateChange(event);
    }

    /** Every other lifecycle event only moves the status; the event says where to. */
    @EventSourcingHandler
    void onStateChange(BookingStateChange event) {
        if (event.status() != PENDING) {
            waitlisted = false; // a canceled or declined waitlisted booking no longer waits
        }
        status = event.status();
        paymentStatus = event.paymentStatus();
        revision++;
    }
}

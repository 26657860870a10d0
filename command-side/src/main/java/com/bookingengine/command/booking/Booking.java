package com.bookingengine.command.booking;

import com.bookingengine.api.booking.BookingCanceledEvent;
import com.bookingengine.api.booking.BookingCommandResult;
import com.bookingengine.api.booking.BookingConfirmedEvent;
import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingDeclinedEvent;
import com.bookingengine.api.booking.BookingMarkedPaidEvent;
import com.bookingengine.api.booking.BookingStateChange;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.PaymentApprovedEvent;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.booking.PaymentFailedEvent;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.command.capacity.ClassSession;
import com.bookingengine.command.catalogue.ServiceSnapshot;
import com.bookingengine.platform.error.ConflictException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import static com.bookingengine.api.booking.BookingStatus.CANCELED;
import static com.bookingengine.api.booking.BookingStatus.CONFIRMED;
import static com.bookingengine.api.booking.BookingStatus.DECLINED;
import static com.bookingengine.api.booking.BookingStatus.PENDING;
import static com.bookingengine.api.booking.BookingStatus.PENDING_CHECKOUT;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A booking's lifecycle (SPEC §3): its status, payment status and the terms it was made under. Seats are not
 * counted here: the session aggregate owns them, and {@link BookingCommandHandler} changes both in one unit
 * of work. Every method either applies the events of a legal transition, does nothing when the booking
 * already stands where the transition leads, or throws a 409 naming the current status.
 */
@Aggregate
public class Booking {

    @AggregateIdentifier
    private String bookingId;
    private BookingCreatedEvent creation;
    private BookingStatus status;
    private PaymentStatus paymentStatus;
    private String paidTransactionId;
    private long revision;

    protected Booking() {
        // for Axon
    }

    /** Opens a booking whose seats {@code session} has just reserved. */
    Booking(CreateBookingCommand command, ServiceSnapshot service, ClassSession session, PaymentDetails payment) {
        BookingTerms terms = service.terms();
        boolean online = payment.option() == PaymentOption.ONLINE;
        boolean free = payment.finalPrice().isZero();
        BookingStatus initial = terms.requiresApproval() ? PENDING
                : online && !free ? PENDING_CHECKOUT
                : CONFIRMED;
        PaymentStatus paid = free ? PaymentStatus.EXEMPT
                : initial == PENDING_CHECKOUT ? PaymentStatus.PENDING
                : PaymentStatus.NOT_PAID;
        apply(new BookingCreatedEvent(command.bookingId(), service.serviceId(), service.name(), service.type(),
                command.sessionId(), session.start(), session.end(), command.participants(), command.contact(),
                command.formInfo() == null ? Map.of() : Map.copyOf(command.formInfo()), payment, initial, paid,
                false, terms));
    }

    /**
     * Whether {@code command} asks for exactly this booking: a client that repeats a create (a retry after a
     * timeout) gets the first result; the same id with other content is a conflict.
     */
    boolean isSameRequest(CreateBookingCommand command) {
        Map<String, String> formInfo = command.formInfo() == null ? Map.of() : command.formInfo();
        return Objects.equals(creation.serviceId(), command.serviceId())
                && Objects.equals(creation.sessionId(), command.sessionId())
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
        if (status == CONFIRMED || status == PENDING_CHECKOUT) {
            return;
        }
        requireStatus("confirm", expectedRevision, PENDING);
        boolean paymentOwed = creation.payment().option() == PaymentOption.ONLINE && paymentStatus != PaymentStatus.EXEMPT;
        apply(paymentOwed
                ? new BookingConfirmedEvent(bookingId, reason, PENDING_CHECKOUT, PaymentStatus.PENDING)
                : new BookingConfirmedEvent(bookingId, reason, CONFIRMED, paymentStatus));
    }

    /** PENDING --decline (owner)--> DECLINED. */
    void decline(Long expectedRevision, String reason) {
        if (status == DECLINED) {
            return;
        }
        requireStatus("decline", expectedRevision, PENDING);
        apply(new BookingDeclinedEvent(bookingId, reason, DECLINED, paymentStatus));
    }

    /**
     * PENDING, PENDING_CHECKOUT, CONFIRMED --cancel--> CANCELED. A customer cannot cancel inside the cancellation
     * window before the start; the owner can at any time.
     */
    void cancel(Long expectedRevision, String reason, CancelRequester requester, Instant now) {
        if (status == CANCELED) {
            return;
        }
        requireStatus("cancel", expectedRevision, PENDING, PENDING_CHECKOUT, CONFIRMED);
        Duration window = Duration.ofMinutes(creation.terms().policy().cancellationWindowMinutes());
        if (requester == CancelRequester.CUSTOMER && now.isAfter(creation.start().minus(window))) {
            throw new ConflictException("cancellationWindow", "Booking " + bookingId + " starts at "
                    + creation.start() + "; customers cannot cancel later than " + window.toMinutes()
                    + " minute(s) before the start. The owner can.");
        }
        apply(new BookingCanceledEvent(bookingId, requester, reason, CANCELED, unpaidIfPending()));
    }

    /** PENDING_CHECKOUT --payment approved--> CONFIRMED and PAID. The same transaction again is a no-op. */
    void approvePayment(Long expectedRevision, String transactionId) {
        if (paymentStatus == PaymentStatus.PAID && Objects.equals(transactionId, paidTransactionId)) {
            return;
        }
        if (paymentStatus == PaymentStatus.PAID) {
            throw new ConflictException("status", "Booking " + bookingId + " is already paid by transaction "
                    + paidTransactionId);
        }
        requireStatus("approve the payment of", expectedRevision, PENDING_CHECKOUT);
        apply(new PaymentApprovedEvent(bookingId, transactionId, CONFIRMED, PaymentStatus.PAID));
    }

    /** PENDING_CHECKOUT --payment failed--> CANCELED. */
    void failPayment(Long expectedRevision, String reason) {
        if (status == CANCELED) {
            return;
        }
        requireStatus("fail the payment of", expectedRevision, PENDING_CHECKOUT);
        apply(new PaymentFailedEvent(bookingId, reason, CANCELED, PaymentStatus.NOT_PAID));
    }

    /** CONFIRMED with IN_PERSON --mark paid (owner)--> payment status PAID. */
    void markPaid(Long expectedRevision) {
        if (paymentStatus == PaymentStatus.PAID && creation.payment().option() == PaymentOption.IN_PERSON) {
            return;
        }
        requireStatus("mark paid", expectedRevision, CONFIRMED);
        if (creation.payment().option() != PaymentOption.IN_PERSON || paymentStatus != PaymentStatus.NOT_PAID) {
            throw new ConflictException("payment", "Only an unpaid in-person booking can be marked paid; booking "
                    + bookingId + " is " + creation.payment().option() + " with payment status " + paymentStatus);
        }
        apply(new BookingMarkedPaidEvent(bookingId, CONFIRMED, PaymentStatus.PAID));
    }

    /** Whether this booking counts against its session's capacity. */
    boolean holdsSeats() {
        return !creation.waitlisted() && (status == PENDING || status == PENDING_CHECKOUT || status == CONFIRMED);
    }

    String sessionId() {
        return creation.sessionId();
    }

    BookingCommandResult result() {
        return new BookingCommandResult(bookingId, status, paymentStatus, revision, creation.payment().finalPrice());
    }

    private void requireStatus(String action, Long expectedRevision, BookingStatus... allowed) {
        for (BookingStatus s : allowed) {
            if (s == status) {
                requireRevision(expectedRevision);
                return;
            }
        }
        throw new ConflictException("status", "Cannot " + action + " booking " + bookingId + ": it is " + status);
    }

    private void requireRevision(Long expectedRevision) {
        if (expectedRevision != null && expectedRevision != revision) {
            throw new ConflictException("revision", "Booking " + bookingId + " is at revision " + revision
                    + ", not the expected " + expectedRevision + "; read it again");
        }
    }

    private PaymentStatus unpaidIfPending() {
        return paymentStatus == PaymentStatus.PENDING ? PaymentStatus.NOT_PAID : paymentStatus;
    }

    @EventSourcingHandler
    void on(BookingCreatedEvent event) {
        bookingId = event.bookingId();
        creation = event;
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
        status = event.status();
        paymentStatus = event.paymentStatus();
        revision++;
    }
}

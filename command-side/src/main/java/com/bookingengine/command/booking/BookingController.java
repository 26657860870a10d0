package com.bookingengine.command.booking;

import com.bookingengine.api.booking.ApprovePaymentCommand;
import com.bookingengine.api.booking.BookingCommandResult;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.ChangeParticipantsCommand;
import com.bookingengine.api.booking.ConfirmBookingCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.DeclineBookingCommand;
import com.bookingengine.api.booking.FailPaymentCommand;
import com.bookingengine.api.booking.MarkBookingPaidCommand;
import com.bookingengine.api.booking.PaymentRequest;
import com.bookingengine.api.booking.RescheduleBookingCommand;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.security.Caller;
import com.bookingengine.platform.security.Role;
import com.bookingengine.platform.validation.PathParameters;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;
import java.util.function.Function;

/** Booking commands over HTTP. Each answers {@code {bookingId, status, paymentStatus, revision}}. */
@RestController
@RequestMapping("/api/v1/bookings")
class BookingController {

    private final CommandGateway commands;

    BookingController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<BookingCommandResult> create(@Valid @RequestBody BookingRequests.Create body) {
        body.checkFormInfo();
        String bookingId = body.bookingId() == null ? UUID.randomUUID().toString() : body.bookingId().toLowerCase();
        var contact = body.contact();
        var payment = body.payment();
        BookingCommandResult result = commands.sendAndWait(Caller.command(new CreateBookingCommand(bookingId,
                body.serviceId(), body.sessionId(), body.start(), body.end(),
                body.participants() == null ? 1 : body.participants(),
                new ContactDetails(contact.contactId(), contact.firstName(), contact.lastName(), contact.email(),
                        contact.phone(), contact.address()),
                body.formInfo(), new PaymentRequest(payment.option(), payment.method(), payment.couponCode(),
                payment.planId()), Boolean.TRUE.equals(body.joinWaitlist()), body.providerId())));
        return ResponseEntity.created(URI.create("/api/v1/bookings/" + bookingId))
                .eTag(etag(result)).body(result);
    }

    @PostMapping("/{bookingId}/confirm")
    ResponseEntity<BookingCommandResult> confirm(@PathVariable String bookingId,
                                                 @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                 @Valid @RequestBody(required = false) BookingRequests.Transition body) {
        return transition(bookingId, ifMatch, body,
                (revision) -> new ConfirmBookingCommand(bookingId, revision, reason(body)));
    }

    @PostMapping("/{bookingId}/decline")
    ResponseEntity<BookingCommandResult> decline(@PathVariable String bookingId,
                                                 @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                 @Valid @RequestBody(required = false) BookingRequests.Transition body) {
        return transition(bookingId, ifMatch, body,
                (revision) -> new DeclineBookingCommand(bookingId, revision, reason(body)));
    }

    @PostMapping("/{bookingId}/cancel")
    ResponseEntity<BookingCommandResult> cancel(@PathVariable String bookingId,
                                                @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                @Valid @RequestBody(required = false) BookingRequests.Transition body) {
        CancelRequester requester = Caller.hasRole(Role.OWNER) ? CancelRequester.OWNER : CancelRequester.CUSTOMER;
        return transition(bookingId, ifMatch, body,
                (revision) -> new CancelBookingCommand(bookingId, revision, reason(body), requester));
    }

    @PostMapping("/{bookingId}/reschedule")
    ResponseEntity<BookingCommandResult> reschedule(@PathVariable String bookingId,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    @Valid @RequestBody BookingRequests.Reschedule body) {
        return send(bookingId, ifMatch, body.expectedRevision(),
                revision -> new RescheduleBookingCommand(bookingId, body.sessionId(), body.start(), body.end(), revision,
                        body.providerId()));
    }

    @PostMapping("/{bookingId}/participants")
    ResponseEntity<BookingCommandResult> participants(@PathVariable String bookingId,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      @Valid @RequestBody BookingRequests.Participants body) {
        return send(bookingId, ifMatch, body.expectedRevision(),
                revision -> new ChangeParticipantsCommand(bookingId, body.participants(), revision));
    }

    @PostMapping("/{bookingId}/mark-paid")
    ResponseEntity<BookingCommandResult> markPaid(@PathVariable String bookingId,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                  @Valid @RequestBody(required = false) BookingRequests.Transition body) {
        return transition(bookingId, ifMatch, body, (revision) -> new MarkBookingPaidCommand(bookingId, revision));
    }

    @PostMapping("/{bookingId}/payment-approved")
    ResponseEntity<BookingCommandResult> paymentApproved(@PathVariable String bookingId,
                                                         @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                         @Valid @RequestBody BookingRequests.PaymentApproved body) {
        return send(bookingId, ifMatch, body.expectedRevision(),
                revision -> new ApprovePaymentCommand(bookingId, body.transactionId(), revision));
    }

    @PostMapping("/{bookingId}/payment-failed")
    ResponseEntity<BookingCommandResult> paymentFailed(@PathVariable String bookingId,
                                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                       @Valid @RequestBody(required = false) BookingRequests.Transition body) {
        return transition(bookingId, ifMatch, body,
                (revision) -> new FailPaymentCommand(bookingId, revision, reason(body)));
    }

    /** A transition whose body is optional: {@code expectedRevision} and {@code reason}. */
    private ResponseEntity<BookingCommandResult> transition(String bookingId, String ifMatch,
                                                            BookingRequests.Transition body,
                                                            Function<Long, Object> command) {
        return send(bookingId, ifMatch, body == null ? null : body.expectedRevision(), command);
    }

    /**
     * Sends the command built for the expected revision (body or If-Match) as the caller; 200 with its ETag. The
     * path's booking id is checked first: it goes into the command.
     */
    private ResponseEntity<BookingCommandResult> send(String bookingId, String ifMatch, Long revisionInBody,
                                                      Function<Long, Object> command) {
        PathParameters.plainText("bookingId", bookingId, InputLimits.ID);
        BookingCommandResult result = commands.sendAndWait(
                Caller.command(command.apply(expectedRevision(ifMatch, revisionInBody))));
        return ResponseEntity.ok().eTag(etag(result)).body(result);
    }

    private static String reason(BookingRequests.Transition body) {
        return body == null ? null : body.reason();
    }

    private static String etag(BookingCommandResult result) {
        return "\"" + result.revision() + "\"";
    }

    /** {@code expectedRevision} in the body or {@code If-Match: "3"}; both given must agree. */
    static Long expectedRevision(String ifMatch, Long fromBody) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return fromBody; // "*" matches any existing booking (RFC 9110)
        }
        Long fromHeader;
        try {
            fromHeader = Long.parseLong(ifMatch.trim().replaceFirst("^W/", "").replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("If-Match", "If-Match must be a booking revision such as \"3\"");
        }
        if (fromBody != null && !fromBody.equals(fromHeader)) {
            throw new InvalidInputException("expectedRevision", "expectedRevision " + fromBody
                    + " disagrees with If-Match " + fromHeader);
        }
        return fromHeader;
    }
}

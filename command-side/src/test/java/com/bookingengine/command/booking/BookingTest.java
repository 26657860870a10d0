package com.bookingengine.command.booking;

import com.bookingengine.api.booking.ApprovePaymentCommand;
import com.bookingengine.api.booking.BookingCanceledEvent;
import com.bookingengine.api.booking.BookingCommandResult;
import com.bookingengine.api.booking.BookingConfirmedEvent;
import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingDeclinedEvent;
import com.bookingengine.api.booking.BookingMarkedPaidEvent;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.ChangeParticipantsCommand;
import com.bookingengine.api.booking.BookingParticipantsChangedEvent;
import com.bookingengine.api.booking.BookingPromotedEvent;
import com.bookingengine.api.booking.BookingRescheduledEvent;
import com.bookingengine.api.booking.RescheduleBookingCommand;
import com.bookingengine.api.booking.WaitlistJoinedEvent;
import com.bookingengine.api.booking.WaitlistLeftEvent;
import com.bookingengine.command.capacity.ClassSession;
import org.axonframework.eventhandling.DomainEventMessage;
import com.bookingengine.api.booking.ConfirmBookingCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.DeclineBookingCommand;
import com.bookingengine.api.booking.FailPaymentCommand;
import com.bookingengine.api.booking.MarkBookingPaidCommand;
import com.bookingengine.api.booking.PaymentApprovedEvent;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.booking.PaymentFailedEvent;
import com.bookingengine.api.booking.PaymentRequest;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.api.booking.SeatsReleasedEvent;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.Money;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.bookingengine.api.rules.Rule.*;
import static com.bookingengine.command.Rejections.violates;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every booking command path, accepted and rejected, through the real command handler and aggregates: the
 * fixture records the booking's events, {@link SeatStore} the session's.
 */
class BookingTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant START = NOW.plus(Duration.ofDays(7));
    private static final String SERVICE = "yoga";
    private static final String SESSION = "yoga-1";
    private static final String BOOKING = "7a1c0b8e-4a7e-4c6f-9a53-2f1d8e0c9b11";
    private static final Money PRICE = Money.of("20.00", "EUR");
    private static final ContactDetails ADA = new ContactDetails("c-1", "Ada", "Lovelace", "ada@example.com", null, null);

    private AggregateTestFixture<Booking> fixture;
    private SeatStore store;

    @BeforeEach
    void setUp() {
        store = new SeatStore();
        fixture = store.bookingFixture(NOW);
        classService(false, BookingPolicy.defaults(), List.of());
        store.session(SESSION, SERVICE, START, 3);
    }

    private void classService(boolean requiresApproval, BookingPolicy policy, List<FormField> formFields) {
        store.service(SERVICE, PRICE, Set.of(PaymentOption.IN_PERSON, PaymentOption.ONLINE), requiresApproval,
                formFields, policy);
    }

    private static CreateBookingCommand create(PaymentOption option) {
        return create(BOOKING, option, 1);
    }

    private static CreateBookingCommand create(String bookingId, PaymentOption option, int participants) {
        return new CreateBookingCommand(bookingId, SERVICE, SESSION, null, null, participants, ADA,
                Map.of("note", "window seat"), new PaymentRequest(option, null, null, null), false);
    }

    private static BookingCreatedEvent created(PaymentOption option, BookingStatus status, PaymentStatus paid,
                                               boolean requiresApproval) {
        return new BookingCreatedEvent(BOOKING, SERVICE, "Yoga", ServiceType.CLASS, SESSION, START,
                START.plusSeconds(3600), 1, ADA, Map.of("note", "window seat"),
                new PaymentDetails(option, null, null, null, PRICE, PRICE), status, paid, false,
                new BookingTerms("Europe/Berlin", PRICE, requiresApproval, BookingPolicy.defaults()));
    }

    private List<Object> seatEvents() {
        List<Object> events = store.eventsOf(SESSION);
        return events.subList(1, events.size());
    }

    @Nested
    class Create {

        @Test
        void inPersonBookingIsConfirmedUnpaidAndTakesItsSeatsInTheSameUnitOfWork() {
            fixture.givenNoPriorActivity()
                    .when(create(PaymentOption.IN_PERSON))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(created(PaymentOption.IN_PERSON, BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID, false))
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CONFIRMED,
                            PaymentStatus.NOT_PAID, 1, PRICE));
            assertThat(seatEvents()).containsExactly(new SeatsReservedEvent(SESSION, SERVICE, BOOKING, 1));
        }

        @Test
        void onlinePaymentOfANonZeroPriceWaitsInCheckout() {
            fixture.givenNoPriorActivity()
                    .when(create(PaymentOption.ONLINE))
                    .expectEvents(created(PaymentOption.ONLINE, BookingStatus.PENDING_CHECKOUT, PaymentStatus.PENDING, false));
            assertThat(seatEvents()).hasSize(1);
        }

        @Test
        void aFreeServiceIsConfirmedAndExemptEvenOnline() {
            store.service("free", Money.of("0", "EUR"), Set.of(PaymentOption.ONLINE), false, List.of(),
                    BookingPolicy.defaults());
            store.session("free-1", "free", START, 5);
            Money zero = Money.of("0", "EUR");
            fixture.givenNoPriorActivity()
                    .when(new CreateBookingCommand(BOOKING, "free", "free-1", null, null, 2, ADA, null,
                            new PaymentRequest(PaymentOption.ONLINE, "card", null, null), false))
                    .expectEvents(new BookingCreatedEvent(BOOKING, "free", "Yoga", ServiceType.CLASS, "free-1", START,
                            START.plusSeconds(3600), 2, ADA, Map.of(),
                            new PaymentDetails(PaymentOption.ONLINE, "card", null, null, zero, zero),
                            BookingStatus.CONFIRMED, PaymentStatus.EXEMPT, false,
                            new BookingTerms("Europe/Berlin", zero, false, BookingPolicy.defaults())));
            assertThat(store.eventsOf("free-1")).contains(new SeatsReservedEvent("free-1", "free", BOOKING, 2));
        }

        @Test
        void approvalRequiredMakesItPending() {
            classService(true, BookingPolicy.defaults(), List.of());
            fixture.givenNoPriorActivity()
                    .when(create(PaymentOption.ONLINE))
                    .expectEvents(created(PaymentOption.ONLINE, BookingStatus.PENDING, PaymentStatus.NOT_PAID, true));
            assertThat(seatEvents()).hasSize(1);
        }

        @Test
        void noRoomIsAConflictAndWritesNothing() {
            fixture.givenNoPriorActivity()
                    .when(create(BOOKING, PaymentOption.IN_PERSON, 4))
                    .expectException(violates(NO_OPEN_SPOTS))
                    .expectNoEvents();
            assertThat(seatEvents()).isEmpty();
        }

        @Test
        void theSameBookingIdWithTheSameContentAnswersTheFirstResultAndWritesNothing() {
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(create(PaymentOption.IN_PERSON))
                    .expectNoEvents()
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CONFIRMED,
                            PaymentStatus.NOT_PAID, 1, PRICE));
            assertThat(seatEvents()).hasSize(1);
        }

        @Test
        void theSameBookingIdWithOtherContentIsAConflict() {
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(create(BOOKING, PaymentOption.IN_PERSON, 2))
                    .expectException(violates(ALREADY_EXISTS))
                    .expectNoEvents();
            assertThat(seatEvents()).hasSize(1);
        }
    }

    @Nested
    class CreateRules {

        @Test
        void anUnknownServiceIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new CreateBookingCommand(BOOKING, "nope", SESSION, null, null, 1, ADA, null,
                            new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false))
                    .expectException(violates(BOOKING_OF_UNKNOWN_SERVICE)).expectNoEvents();
        }

        @Test
        void anUnknownSessionIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new CreateBookingCommand(BOOKING, SERVICE, "nope", null, null, 1, ADA, null,
                            new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false))
                    .expectException(violates(UNKNOWN_SESSION)).expectNoEvents();
        }

        @Test
        void aSessionOfAnotherServiceIsRejected() {
            store.service("pilates", PRICE, Set.of(PaymentOption.IN_PERSON), false, List.of(), BookingPolicy.defaults());
            store.session("pilates-1", "pilates", START, 3);
            fixture.givenNoPriorActivity()
                    .when(new CreateBookingCommand(BOOKING, SERVICE, "pilates-1", null, null, 1, ADA, null,
                            new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false))
                    .expectException(violates(SESSION_OF_OTHER_SERVICE)).expectNoEvents();
            assertThat(store.eventsOf("pilates-1")).hasSize(1);
        }

        @Test
        void aClassBookingNeedsASessionAndNoAppointmentTimes() {
            fixture.givenNoPriorActivity()
                    .when(new CreateBookingCommand(BOOKING, SERVICE, null, null, null, 1, ADA, null,
                            new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false))
                    .expectException(violates(SESSION_REQUIRED)).expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new CreateBookingCommand(BOOKING, SERVICE, SESSION, START, START.plusSeconds(60), 1, ADA,
                            null, new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), false))
                    .expectException(violates(TIMES_ONLY_FOR_APPOINTMENTS)).expectNoEvents();
        }

        @Test
        void moreParticipantsThanThePolicyAllowsAreRejected() {
            classService(false, new BookingPolicy(0, 365, 0, 2, 0, 0, 15), List.of());
            fixture.givenNoPriorActivity()
                    .when(create(BOOKING, PaymentOption.IN_PERSON, 3))
                    .expectException(violates(PARTICIPANTS_OUT_OF_RANGE)).expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(create(BOOKING, PaymentOption.IN_PERSON, 0))
                    .expectException(violates(PARTICIPANTS_OUT_OF_RANGE)).expectNoEvents();
            assertThat(seatEvents()).isEmpty();
        }

        @Test
        void aPaymentOptionTheServiceDoesNotAcceptIsRejected() {
            store.service(SERVICE, PRICE, Set.of(PaymentOption.ONLINE), false, List.of(), BookingPolicy.defaults());
            fixture.givenNoPriorActivity()
                    .when(create(PaymentOption.IN_PERSON))
                    .expectException(violates(PAYMENT_OPTION_NOT_ACCEPTED)).expectNoEvents();
        }

        @Test
        void aMissingRequiredFormFieldIsRejected() {
            classService(false, BookingPolicy.defaults(), List.of(new FormField("phone", true), new FormField("note", false)));
            fixture.givenNoPriorActivity()
                    .when(create(PaymentOption.IN_PERSON))
                    .expectException(violates(FORM_FIELD_REQUIRED)).expectNoEvents();
        }

        @Test
        void unknownCouponsAndMembershipsAreRejected() {
            fixture.givenNoPriorActivity()
                    .when(new CreateBookingCommand(BOOKING, SERVICE, SESSION, null, null, 1, ADA, null,
                            new PaymentRequest(PaymentOption.ONLINE, null, "SAVE10", null), false))
                    .expectException(violates(UNKNOWN_COUPON)).expectNoEvents();
            store.service(SERVICE, PRICE, Set.of(PaymentOption.MEMBERSHIP), false, List.of(), BookingPolicy.defaults());
            fixture.givenNoPriorActivity()
                    .when(create(PaymentOption.MEMBERSHIP))
                    .expectException(violates(MEMBERSHIP_NEEDS_PLAN)).expectNoEvents();
        }

        @Test
        void tooLateAndTooEarlyToBookAreConflicts() {
            classService(false, new BookingPolicy(60 * 24 * 8, 365, 0, 10, 0, 0, 15), List.of());
            fixture.givenNoPriorActivity()
                    .when(create(PaymentOption.IN_PERSON))
                    .expectException(violates(TOO_LATE_TO_BOOK)).expectNoEvents();
            classService(false, new BookingPolicy(0, 6, 0, 10, 0, 0, 15), List.of());
            fixture.givenNoPriorActivity()
                    .when(create(PaymentOption.IN_PERSON))
                    .expectException(violates(TOO_EARLY_TO_BOOK)).expectNoEvents();
            assertThat(seatEvents()).isEmpty();
        }
    }

    @Nested
    class Transitions {

        private final BookingCreatedEvent confirmedInPerson =
                created(PaymentOption.IN_PERSON, BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID, false);
        private final BookingCreatedEvent inCheckout =
                created(PaymentOption.ONLINE, BookingStatus.PENDING_CHECKOUT, PaymentStatus.PENDING, false);
        private final BookingCreatedEvent pendingOnline =
                created(PaymentOption.ONLINE, BookingStatus.PENDING, PaymentStatus.NOT_PAID, true);
        private final BookingCreatedEvent pendingInPerson =
                created(PaymentOption.IN_PERSON, BookingStatus.PENDING, PaymentStatus.NOT_PAID, true);

        @Test
        void confirmMovesAPendingBookingToCheckoutWhenOnlinePaymentIsOwed() {
            fixture.given(pendingOnline)
                    .when(new ConfirmBookingCommand(BOOKING, 1L, "welcome"))
                    .expectEvents(new BookingConfirmedEvent(BOOKING, "welcome", BookingStatus.PENDING_CHECKOUT,
                            PaymentStatus.PENDING))
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.PENDING_CHECKOUT,
                            PaymentStatus.PENDING, 2, PRICE));
        }

        @Test
        void confirmMovesAPendingInPersonBookingToConfirmed() {
            fixture.given(pendingInPerson)
                    .when(new ConfirmBookingCommand(BOOKING, null, null))
                    .expectEvents(new BookingConfirmedEvent(BOOKING, null, BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID));
        }

        @Test
        void confirmingAgainIsANoOp() {
            fixture.given(pendingInPerson,
                            new BookingConfirmedEvent(BOOKING, null, BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID))
                    .when(new ConfirmBookingCommand(BOOKING, null, null))
                    .expectSuccessfulHandlerExecution().expectNoEvents()
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CONFIRMED,
                            PaymentStatus.NOT_PAID, 2, PRICE));
        }

        @Test
        void confirmingACanceledBookingIsAConflictNamingItsStatus() {
            fixture.given(pendingInPerson, new BookingCanceledEvent(BOOKING, CancelRequester.OWNER, null,
                            BookingStatus.CANCELED, PaymentStatus.NOT_PAID))
                    .when(new ConfirmBookingCommand(BOOKING, null, null))
                    .expectException(violates(WRONG_STATUS))
                    .expectExceptionMessage(Matchers.containsString("CANCELED"))
                    .expectNoEvents();
        }

        @Test
        void declineFreesTheSeat() {
            classService(true, BookingPolicy.defaults(), List.of());
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new DeclineBookingCommand(BOOKING, null, "full"))
                    .expectEvents(new BookingDeclinedEvent(BOOKING, "full", BookingStatus.DECLINED, PaymentStatus.NOT_PAID));
            assertThat(seatEvents()).containsExactly(new SeatsReservedEvent(SESSION, SERVICE, BOOKING, 1),
                    new SeatsReleasedEvent(SESSION, SERVICE, BOOKING, 1));
        }

        @Test
        void declineIsOnlyForPendingBookingsAndRepeatsAsANoOp() {
            fixture.given(confirmedInPerson)
                    .when(new DeclineBookingCommand(BOOKING, null, null))
                    .expectException(violates(WRONG_STATUS)).expectExceptionMessage(Matchers.containsString("CONFIRMED"))
                    .expectNoEvents();
            fixture.given(pendingInPerson, new BookingDeclinedEvent(BOOKING, null, BookingStatus.DECLINED,
                            PaymentStatus.NOT_PAID))
                    .when(new DeclineBookingCommand(BOOKING, null, null))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void theOwnerCancelsAndTheSessionGetsItsSeatBackInTheSameUnitOfWork() {
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new CancelBookingCommand(BOOKING, 1L, "ill", CancelRequester.OWNER))
                    .expectEvents(new BookingCanceledEvent(BOOKING, CancelRequester.OWNER, "ill", BookingStatus.CANCELED,
                            PaymentStatus.NOT_PAID))
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CANCELED,
                            PaymentStatus.NOT_PAID, 2, PRICE));
            assertThat(seatEvents()).containsExactly(new SeatsReservedEvent(SESSION, SERVICE, BOOKING, 1),
                    new SeatsReleasedEvent(SESSION, SERVICE, BOOKING, 1));
        }

        @Test
        void aCustomerCannotCancelInsideTheCancellationWindowButTheOwnerCan() {
            BookingPolicy strict = new BookingPolicy(0, 365, 60 * 24 * 8, 10, 0, 0, 15);
            BookingCreatedEvent strictBooking = new BookingCreatedEvent(BOOKING, SERVICE, "Yoga", ServiceType.CLASS,
                    SESSION, START, START.plusSeconds(3600), 1, ADA, Map.of(),
                    new PaymentDetails(PaymentOption.IN_PERSON, null, null, null, PRICE, PRICE),
                    BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID, false,
                    new BookingTerms("Europe/Berlin", PRICE, false, strict));
            fixture.given(strictBooking)
                    .when(new CancelBookingCommand(BOOKING, null, null, CancelRequester.CUSTOMER))
                    .expectException(violates(CANCELLATION_WINDOW_PASSED)).expectNoEvents();
            fixture.given(strictBooking)
                    .when(new CancelBookingCommand(BOOKING, null, null, CancelRequester.OWNER))
                    .expectEvents(new BookingCanceledEvent(BOOKING, CancelRequester.OWNER, null,
                            BookingStatus.CANCELED, PaymentStatus.NOT_PAID));
        }

        @Test
        void theCancellationWindowIsTheOneTheBookingWasMadeUnderNotTheServicesCurrentOne() {
            // The service now forbids late cancels, but this booking was made under the lenient defaults.
            classService(false, new BookingPolicy(0, 365, 60 * 24 * 30, 10, 0, 0, 15), List.of());
            fixture.given(confirmedInPerson)
                    .when(new CancelBookingCommand(BOOKING, null, null, CancelRequester.CUSTOMER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new BookingCanceledEvent(BOOKING, CancelRequester.CUSTOMER, null,
                            BookingStatus.CANCELED, PaymentStatus.NOT_PAID));
        }

        @Test
        void cancelingTwiceIsANoOpAndADeclinedBookingCannotBeCanceled() {
            fixture.given(confirmedInPerson, new BookingCanceledEvent(BOOKING, CancelRequester.OWNER, null,
                            BookingStatus.CANCELED, PaymentStatus.NOT_PAID))
                    .when(new CancelBookingCommand(BOOKING, null, null, CancelRequester.OWNER))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.given(pendingInPerson, new BookingDeclinedEvent(BOOKING, null, BookingStatus.DECLINED,
                            PaymentStatus.NOT_PAID))
                    .when(new CancelBookingCommand(BOOKING, null, null, CancelRequester.OWNER))
                    .expectException(violates(WRONG_STATUS)).expectNoEvents();
        }

        @Test
        void approvedPaymentConfirmsAndPaysAndTheSameTransactionAgainIsANoOp() {
            fixture.given(inCheckout)
                    .when(new ApprovePaymentCommand(BOOKING, "tx-1", null))
                    .expectEvents(new PaymentApprovedEvent(BOOKING, "tx-1", BookingStatus.CONFIRMED, PaymentStatus.PAID));
            fixture.given(inCheckout, new PaymentApprovedEvent(BOOKING, "tx-1", BookingStatus.CONFIRMED, PaymentStatus.PAID))
                    .when(new ApprovePaymentCommand(BOOKING, "tx-1", null))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.given(inCheckout, new PaymentApprovedEvent(BOOKING, "tx-1", BookingStatus.CONFIRMED, PaymentStatus.PAID))
                    .when(new ApprovePaymentCommand(BOOKING, "tx-2", null))
                    .expectException(violates(ALREADY_PAID)).expectNoEvents();
        }

        @Test
        void paymentCanOnlyBeApprovedInCheckout() {
            fixture.given(confirmedInPerson)
                    .when(new ApprovePaymentCommand(BOOKING, "tx-1", null))
                    .expectException(violates(WRONG_STATUS)).expectExceptionMessage(Matchers.containsString("CONFIRMED"))
                    .expectNoEvents();
        }

        @Test
        void failedPaymentCancelsAndFreesTheSeat() {
            fixture.givenCommands(create(PaymentOption.ONLINE))
                    .when(new FailPaymentCommand(BOOKING, null, "card declined"))
                    .expectEvents(new PaymentFailedEvent(BOOKING, "card declined", BookingStatus.CANCELED,
                            PaymentStatus.NOT_PAID));
            assertThat(seatEvents()).endsWith(new SeatsReleasedEvent(SESSION, SERVICE, BOOKING, 1));
        }

        @Test
        void failedPaymentOutsideCheckoutIsAConflictAndRepeatsAsANoOp() {
            fixture.given(confirmedInPerson)
                    .when(new FailPaymentCommand(BOOKING, null, null))
                    .expectException(violates(WRONG_STATUS)).expectNoEvents();
            fixture.given(inCheckout, new PaymentFailedEvent(BOOKING, null, BookingStatus.CANCELED, PaymentStatus.NOT_PAID))
                    .when(new FailPaymentCommand(BOOKING, null, null))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void theOwnerMarksAnInPersonBookingPaidOnce() {
            fixture.given(confirmedInPerson)
                    .when(new MarkBookingPaidCommand(BOOKING, null))
                    .expectEvents(new BookingMarkedPaidEvent(BOOKING, BookingStatus.CONFIRMED, PaymentStatus.PAID));
            fixture.given(confirmedInPerson, new BookingMarkedPaidEvent(BOOKING, BookingStatus.CONFIRMED, PaymentStatus.PAID))
                    .when(new MarkBookingPaidCommand(BOOKING, null))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void onlyConfirmedInPersonBookingsCanBeMarkedPaid() {
            fixture.given(pendingInPerson)
                    .when(new MarkBookingPaidCommand(BOOKING, null))
                    .expectException(violates(WRONG_STATUS)).expectNoEvents();
            fixture.given(inCheckout, new PaymentApprovedEvent(BOOKING, "tx-1", BookingStatus.CONFIRMED, PaymentStatus.PAID))
                    .when(new MarkBookingPaidCommand(BOOKING, null))
                    .expectException(violates(ONLY_UNPAID_IN_PERSON_MARKED_PAID)).expectNoEvents();
        }

        @Test
        void aStaleExpectedRevisionIsAConflict() {
            fixture.given(pendingInPerson)
                    .when(new ConfirmBookingCommand(BOOKING, 0L, null))
                    .expectException(violates(STALE_REVISION)).expectNoEvents();
            fixture.given(pendingInPerson)
                    .when(new CancelBookingCommand(BOOKING, 5L, null, CancelRequester.OWNER))
                    .expectException(violates(STALE_REVISION)).expectNoEvents();
        }

        @Test
        void aStaleExpectedRevisionIsAConflictEvenWhenTheTransitionIsAlreadyDone() {
            // given bookings that already stand where each transition leads, at revision 2
            BookingCanceledEvent canceled = new BookingCanceledEvent(BOOKING, CancelRequester.OWNER, null,
                    BookingStatus.CANCELED, PaymentStatus.NOT_PAID);
            BookingConfirmedEvent confirmed = new BookingConfirmedEvent(BOOKING, null, BookingStatus.CONFIRMED,
                    PaymentStatus.NOT_PAID);
            BookingDeclinedEvent declined = new BookingDeclinedEvent(BOOKING, null, BookingStatus.DECLINED,
                    PaymentStatus.NOT_PAID);
            BookingMarkedPaidEvent paid = new BookingMarkedPaidEvent(BOOKING, BookingStatus.CONFIRMED,
                    PaymentStatus.PAID);
            PaymentApprovedEvent approved = new PaymentApprovedEvent(BOOKING, "tx-1", BookingStatus.CONFIRMED,
                    PaymentStatus.PAID);
            PaymentFailedEvent failed = new PaymentFailedEvent(BOOKING, null, BookingStatus.CANCELED,
                    PaymentStatus.NOT_PAID);

            // when each is repeated with the revision read before it (1), then 409 revision, not a quiet 200
            fixture.given(confirmedInPerson, canceled)
                    .when(new CancelBookingCommand(BOOKING, 1L, null, CancelRequester.OWNER))
                    .expectException(violates(STALE_REVISION)).expectNoEvents();
            fixture.given(pendingInPerson, confirmed)
                    .when(new ConfirmBookingCommand(BOOKING, 1L, null))
                    .expectException(violates(STALE_REVISION)).expectNoEvents();
            fixture.given(pendingInPerson, declined)
                    .when(new DeclineBookingCommand(BOOKING, 1L, null))
                    .expectException(violates(STALE_REVISION)).expectNoEvents();
            fixture.given(confirmedInPerson, paid)
                    .when(new MarkBookingPaidCommand(BOOKING, 1L))
                    .expectException(violates(STALE_REVISION)).expectNoEvents();
            fixture.given(inCheckout, approved)
                    .when(new ApprovePaymentCommand(BOOKING, "tx-1", 1L))
                    .expectException(violates(STALE_REVISION)).expectNoEvents();
            fixture.given(inCheckout, failed)
                    .when(new FailPaymentCommand(BOOKING, 1L, null))
                    .expectException(violates(STALE_REVISION)).expectNoEvents();

            // and with the current revision (2), or none, the repeat is still the harmless no-op it was
            fixture.given(confirmedInPerson, canceled)
                    .when(new CancelBookingCommand(BOOKING, 2L, null, CancelRequester.OWNER))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.given(inCheckout, approved)
                    .when(new ApprovePaymentCommand(BOOKING, "tx-1", null))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void aStaleExpectedRevisionComesBeforeTheStatus() {
            fixture.given(confirmedInPerson, new BookingCanceledEvent(BOOKING, CancelRequester.OWNER, null,
                            BookingStatus.CANCELED, PaymentStatus.NOT_PAID))
                    .when(new ConfirmBookingCommand(BOOKING, 1L, null))
                    .expectException(violates(STALE_REVISION)).expectNoEvents();
        }

        @Test
        void anUnknownBookingIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new ConfirmBookingCommand(BOOKING, null, null))
                    .expectException(violates(BOOKING_NOT_FOUND)).expectNoEvents();
        }
    }

    private static final Instant START_2 = START.plus(Duration.ofDays(1));
    private static final BookingPolicy WAITLIST_OF_2 = new BookingPolicy(0, 365, 0, 10, 2, 0, 15);

    private static CreateBookingCommand joinWaitlist(String bookingId, PaymentOption option, int participants) {
        return new CreateBookingCommand(bookingId, SERVICE, SESSION, null, null, participants, ADA,
                Map.of("note", "window seat"), new PaymentRequest(option, null, null, null), true);
    }

    private static BookingCreatedEvent waitlistedCreated(int participants) {
        Money price = PRICE.times(participants);
        return new BookingCreatedEvent(BOOKING, SERVICE, "Yoga", ServiceType.CLASS, SESSION, START,
                START.plusSeconds(3600), participants, ADA, Map.of("note", "window seat"),
                new PaymentDetails(PaymentOption.IN_PERSON, null, null, null, price, price), BookingStatus.PENDING,
                PaymentStatus.NOT_PAID, true, new BookingTerms("Europe/Berlin", PRICE, false, WAITLIST_OF_2));
    }

    @Nested
    class Waitlist {

        @BeforeEach
        void aFullSessionWithAWaitlistOfTwo() {
            classService(false, WAITLIST_OF_2, List.of());
            store.seatsTaken(SESSION, SERVICE, "someone-else", 3);
        }

        @Test
        void noRoomAndAskingForTheWaitlistMakesAWaitlistedPendingBookingThatHoldsNoSeat() {
            fixture.givenNoPriorActivity()
                    .when(joinWaitlist(BOOKING, PaymentOption.IN_PERSON, 2))
                    .expectEvents(waitlistedCreated(2))
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.PENDING,
                            PaymentStatus.NOT_PAID, 1, PRICE.times(2)));
            assertThat(seatEvents()).containsExactly(new SeatsReservedEvent(SESSION, SERVICE, "someone-else", 3),
                    new WaitlistJoinedEvent(SESSION, SERVICE, BOOKING, 2));
        }

        @Test
        void withRoomTheWaitlistIsNotUsed() {
            store.session("roomy", SERVICE, START, 5);
            fixture.givenNoPriorActivity()
                    .when(new CreateBookingCommand(BOOKING, SERVICE, "roomy", null, null, 1, ADA, null,
                            new PaymentRequest(PaymentOption.IN_PERSON, null, null, null), true))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CONFIRMED,
                            PaymentStatus.NOT_PAID, 1, PRICE));
            assertThat(store.eventsOf("roomy")).contains(new SeatsReservedEvent("roomy", SERVICE, BOOKING, 1));
        }

        @Test
        void withoutAskingForTheWaitlistAFullSessionIsAConflict() {
            fixture.givenNoPriorActivity()
                    .when(create(PaymentOption.IN_PERSON))
                    .expectException(violates(NO_OPEN_SPOTS)).expectNoEvents();
            assertThat(seatEvents()).hasSize(1);
        }

        @Test
        void aFullWaitlistIsAConflict() {
            store.waitlisted(SESSION, SERVICE, "w-1", 1);
            store.waitlisted(SESSION, SERVICE, "w-2", 1);
            fixture.givenNoPriorActivity()
                    .when(joinWaitlist(BOOKING, PaymentOption.IN_PERSON, 1))
                    .expectException(violates(WAITLIST_FULL)).expectNoEvents();
            assertThat(seatEvents()).hasSize(3);
        }

        @Test
        void aServiceWithoutAWaitlistIsAConflict() {
            classService(false, BookingPolicy.defaults(), List.of());
            fixture.givenNoPriorActivity()
                    .when(joinWaitlist(BOOKING, PaymentOption.IN_PERSON, 1))
                    .expectException(violates(NO_OPEN_SPOTS)).expectNoEvents();
        }

        @Test
        void moreParticipantsThanTheSessionHasSeatsCanNeverBePromotedSoTheyAreRefused() {
            fixture.givenNoPriorActivity()
                    .when(joinWaitlist(BOOKING, PaymentOption.IN_PERSON, 4))
                    .expectException(violates(NO_OPEN_SPOTS)).expectNoEvents();
        }

        @Test
        void cancelingAWaitlistedBookingTakesItOffTheWaitlist() {
            fixture.givenCommands(joinWaitlist(BOOKING, PaymentOption.IN_PERSON, 1))
                    .when(new CancelBookingCommand(BOOKING, 1L, null, CancelRequester.CUSTOMER))
                    .expectEvents(new BookingCanceledEvent(BOOKING, CancelRequester.CUSTOMER, null,
                            BookingStatus.CANCELED, PaymentStatus.NOT_PAID));
            assertThat(seatEvents()).endsWith(new WaitlistLeftEvent(SESSION, SERVICE, BOOKING, 1, false));
        }

        @Test
        void theOwnerDeclinesAWaitlistedBookingAndItLeavesTheWaitlist() {
            fixture.givenCommands(joinWaitlist(BOOKING, PaymentOption.IN_PERSON, 1))
                    .when(new DeclineBookingCommand(BOOKING, null, "full"))
                    .expectEvents(new BookingDeclinedEvent(BOOKING, "full", BookingStatus.DECLINED,
                            PaymentStatus.NOT_PAID));
            assertThat(seatEvents()).endsWith(new WaitlistLeftEvent(SESSION, SERVICE, BOOKING, 1, false));
        }

        @Test
        void aWaitlistedBookingCannotBeConfirmedOrResizedBeforeItHasSeats() {
            fixture.givenCommands(joinWaitlist(BOOKING, PaymentOption.IN_PERSON, 1))
                    .when(new ConfirmBookingCommand(BOOKING, null, null))
                    .expectException(violates(WAITLISTED_HOLDS_NO_SEAT)).expectNoEvents();
            fixture.givenCommands(joinWaitlist(BOOKING, PaymentOption.IN_PERSON, 1))
                    .when(new ChangeParticipantsCommand(BOOKING, 2, null))
                    .expectException(violates(WAITLISTED_HOLDS_NO_SEAT)).expectNoEvents();
        }
    }

    @Nested
    class Reschedule {

        @BeforeEach
        void aSecondSessionOfTwoSeats() {
            store.session("yoga-2", SERVICE, START_2, 2);
        }

        @Test
        void aConfirmedBookingMovesTakingTheNewSeatsAndFreeingTheOldInOneUnitOfWork() {
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new RescheduleBookingCommand(BOOKING, "yoga-2", null, null, 1L))
                    .expectEvents(new BookingRescheduledEvent(BOOKING, SESSION, "yoga-2", START_2,
                            START_2.plusSeconds(3600), BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID))
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CONFIRMED,
                            PaymentStatus.NOT_PAID, 2, PRICE));
            assertThat(seatEvents()).endsWith(new SeatsReleasedEvent(SESSION, SERVICE, BOOKING, 1));
            assertThat(store.eventsOf("yoga-2")).endsWith(new SeatsReservedEvent("yoga-2", SERVICE, BOOKING, 1));
        }

        @Test
        void noRoomInTheNewSessionIsAConflictAndChangesNothing() {
            store.seatsTaken("yoga-2", SERVICE, "someone-else", 2);
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new RescheduleBookingCommand(BOOKING, "yoga-2", null, null, null))
                    .expectException(violates(NO_OPEN_SPOTS)).expectNoEvents();
            assertThat(seatEvents()).hasSize(1);
            assertThat(store.eventsOf("yoga-2")).hasSize(2);
        }

        @Test
        void theSameSessionIsANoOp() {
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new RescheduleBookingCommand(BOOKING, SESSION, null, null, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CONFIRMED,
                            PaymentStatus.NOT_PAID, 1, PRICE));
        }

        @Test
        void aSessionOfAnotherServiceOrAnUnknownOneIsRejected() {
            store.service("pilates", PRICE, Set.of(PaymentOption.IN_PERSON), false, List.of(), BookingPolicy.defaults());
            store.session("pilates-1", "pilates", START_2, 5);
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new RescheduleBookingCommand(BOOKING, "pilates-1", null, null, null))
                    .expectException(violates(SESSION_OF_OTHER_SERVICE)).expectNoEvents();
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new RescheduleBookingCommand(BOOKING, "nope", null, null, null))
                    .expectException(violates(UNKNOWN_SESSION)).expectNoEvents();
        }

        @Test
        void onlyConfirmedBookingsMove() {
            fixture.givenCommands(create(PaymentOption.ONLINE))
                    .when(new RescheduleBookingCommand(BOOKING, "yoga-2", null, null, null))
                    .expectException(violates(WRONG_STATUS)).expectNoEvents();
        }

        @Test
        void theNewSessionMustRespectTheBookingsPolicySnapshot() {
            classService(false, new BookingPolicy(120, 8, 0, 10, 0, 0, 15), List.of());
            store.session("soon", SERVICE, NOW.plus(Duration.ofMinutes(30)), 5);
            store.session("far", SERVICE, NOW.plus(Duration.ofDays(30)), 5);
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new RescheduleBookingCommand(BOOKING, "soon", null, null, null))
                    .expectException(violates(TOO_LATE_TO_BOOK)).expectNoEvents();
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new RescheduleBookingCommand(BOOKING, "far", null, null, null))
                    .expectException(violates(TOO_EARLY_TO_BOOK)).expectNoEvents();
        }

        @Test
        void aStaleExpectedRevisionIsAConflict() {
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new RescheduleBookingCommand(BOOKING, "yoga-2", null, null, 7L))
                    .expectException(violates(STALE_REVISION)).expectNoEvents();
        }

        @Test
        void aStaleExpectedRevisionIsAConflictEvenForTheSessionTheBookingIsIn() {
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new RescheduleBookingCommand(BOOKING, SESSION, null, null, 7L))
                    .expectException(violates(STALE_REVISION)).expectNoEvents();
        }
    }

    @Nested
    class Participants {

        @Test
        void moreParticipantsTakeMoreSeatsAndThePriceFollows() {
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new ChangeParticipantsCommand(BOOKING, 3, 1L))
                    .expectEvents(new BookingParticipantsChangedEvent(BOOKING, 1, 3, PRICE.times(3), PRICE.times(3),
                            BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID))
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CONFIRMED,
                            PaymentStatus.NOT_PAID, 2, PRICE.times(3)));
            assertThat(seatEvents()).endsWith(new SeatsReleasedEvent(SESSION, SERVICE, BOOKING, 1),
                    new SeatsReservedEvent(SESSION, SERVICE, BOOKING, 3));
        }

        @Test
        void aStaleExpectedRevisionIsAConflictEvenForTheSameCount() {
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new ChangeParticipantsCommand(BOOKING, 1, 7L))
                    .expectException(violates(STALE_REVISION)).expectNoEvents();
        }

        @Test
        void aTotalAboveTheLargestAmountIsRefusedNamingParticipants() {
            store.service(SERVICE, Money.of("999999999", "EUR"), Set.of(PaymentOption.IN_PERSON), false, List.of(),
                    BookingPolicy.defaults());
            fixture.givenNoPriorActivity()
                    .when(create(BOOKING, PaymentOption.IN_PERSON, 2))
                    .expectException(violates(PRICE_ABOVE_MAXIMUM)).expectNoEvents();
        }

        @Test
        void fewerParticipantsGiveSeatsBack() {
            fixture.givenCommands(create(BOOKING, PaymentOption.IN_PERSON, 3))
                    .when(new ChangeParticipantsCommand(BOOKING, 1, null))
                    .expectEvents(new BookingParticipantsChangedEvent(BOOKING, 3, 1, PRICE, PRICE,
                            BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID));
            assertThat(seatEvents()).endsWith(new SeatsReservedEvent(SESSION, SERVICE, BOOKING, 1));
        }

        @Test
        void extraParticipantsThatDoNotFitAreAConflict() {
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new ChangeParticipantsCommand(BOOKING, 4, null))
                    .expectException(violates(NO_OPEN_SPOTS)).expectNoEvents();
            assertThat(seatEvents()).hasSize(1);
        }

        @Test
        void moreThanThePolicyAllowsOrFewerThanOneIsRejected() {
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new ChangeParticipantsCommand(BOOKING, 11, null))
                    .expectException(violates(PARTICIPANTS_OUT_OF_RANGE)).expectNoEvents();
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new ChangeParticipantsCommand(BOOKING, 0, null))
                    .expectException(violates(PARTICIPANTS_OUT_OF_RANGE)).expectNoEvents();
        }

        @Test
        void theSameCountIsANoOpAndACanceledBookingCannotChange() {
            fixture.givenCommands(create(PaymentOption.IN_PERSON))
                    .when(new ChangeParticipantsCommand(BOOKING, 1, null))
                    .expectNoEvents();
            fixture.givenCommands(create(PaymentOption.IN_PERSON),
                            new CancelBookingCommand(BOOKING, null, null, CancelRequester.OWNER))
                    .when(new ChangeParticipantsCommand(BOOKING, 2, null))
                    .expectException(violates(WRONG_STATUS)).expectNoEvents();
        }
    }

    /** Promotion touches bookings other than the one a command names, so these run on {@link Engine}. */
    @Nested
    class Promotion {

        private Engine engine;

        private void engine(boolean requiresApproval, int capacity) {
            engine = new Engine(Clock.fixed(NOW, ZoneOffset.UTC));
            engine.store.service(SERVICE, PRICE, Set.of(PaymentOption.IN_PERSON, PaymentOption.ONLINE),
                    requiresApproval, List.of(), new BookingPolicy(0, 365, 0, 10, 5, 0, 15));
            engine.store.session(SESSION, SERVICE, START, capacity);
            engine.store.session("yoga-2", SERVICE, START_2, capacity);
        }

        private BookingCommandResult book(String id, PaymentOption option, int participants, boolean waitlist) {
            return engine.send(new CreateBookingCommand(id, SERVICE, SESSION, null, null, participants, ADA, null,
                    new PaymentRequest(option, null, null, null), waitlist), "dev-booker");
        }

        private BookingStatus status(String id) {
            return engine.booking(id).orElseThrow().result().status();
        }

        private boolean waitlisted(String id) {
            return engine.booking(id).orElseThrow().isWaitlisted();
        }

        @Test
        void aCancelPromotesTheOldestWaitlistedBookingsThatFitInOrderAsTheSystem() {
            engine(false, 3);
            book("a", PaymentOption.IN_PERSON, 3, false);
            assertThat(book("w1", PaymentOption.IN_PERSON, 2, true).status()).isEqualTo(BookingStatus.PENDING);
            book("w2", PaymentOption.IN_PERSON, 2, true);
            book("w3", PaymentOption.IN_PERSON, 1, true);
            assertThat(waitlisted("w1")).isTrue();

            engine.send(new CancelBookingCommand("a", null, null, CancelRequester.OWNER), "dev-owner");

            assertThat(status("w1")).isEqualTo(BookingStatus.CONFIRMED);
            assertThat(waitlisted("w1")).isFalse();
            assertThat(status("w2")).isEqualTo(BookingStatus.PENDING);
            assertThat(waitlisted("w2")).isTrue();
            assertThat(status("w3")).isEqualTo(BookingStatus.CONFIRMED);
            ClassSession session = engine.session(SESSION);
            assertThat(session.waitlist()).containsExactly("w2");
            assertThat(session.seatsByBooking()).isEqualTo(Map.of("w1", 2, "w3", 1));

            DomainEventMessage<?> promoted = engine.events("w1").get(1);
            assertThat(promoted.getPayload()).isEqualTo(new BookingPromotedEvent("w1", SESSION, BookingStatus.CONFIRMED,
                    PaymentStatus.NOT_PAID));
            assertThat(promoted.getMetaData().get("actor")).isEqualTo("system");
            assertThat(engine.events("a").get(1).getMetaData().get("actor")).isEqualTo("dev-owner");
            assertThat(engine.events("w1").get(0).getMetaData().get("actor")).isEqualTo("dev-booker");
        }

        @Test
        void aDeclinePromotesIntoApprovalAndTheNextOwnerConfirmWorks() {
            engine(true, 1);
            book("a", PaymentOption.IN_PERSON, 1, false);
            book("w1", PaymentOption.ONLINE, 1, true);
            engine.send(new DeclineBookingCommand("a", null, null));
            assertThat(status("w1")).isEqualTo(BookingStatus.PENDING);
            assertThat(waitlisted("w1")).isFalse();
            assertThat(engine.send(new ConfirmBookingCommand("w1", null, null)).status())
                    .isEqualTo(BookingStatus.PENDING_CHECKOUT);
        }

        @Test
        void aFailedPaymentPromotesIntoCheckout() {
            engine(false, 2);
            book("a", PaymentOption.ONLINE, 2, false);
            book("w1", PaymentOption.ONLINE, 1, true);
            book("w2", PaymentOption.IN_PERSON, 1, true);
            engine.send(new FailPaymentCommand("a", null, "card declined"), "dev-payments");
            assertThat(engine.booking("w1").orElseThrow().result()).isEqualTo(new BookingCommandResult("w1",
                    BookingStatus.PENDING_CHECKOUT, PaymentStatus.PENDING, 2, PRICE));
            assertThat(status("w2")).isEqualTo(BookingStatus.CONFIRMED);
            assertThat(engine.session(SESSION).waitlist()).isEmpty();
        }

        @Test
        void fewerParticipantsAndAMoveAwayPromoteToo() {
            engine(false, 3);
            book("a", PaymentOption.IN_PERSON, 3, false);
            book("w1", PaymentOption.IN_PERSON, 1, true);
            book("w2", PaymentOption.IN_PERSON, 2, true);
            engine.send(new ChangeParticipantsCommand("a", 2, null));
            assertThat(status("w1")).isEqualTo(BookingStatus.CONFIRMED);
            assertThat(waitlisted("w2")).isTrue();
            engine.send(new RescheduleBookingCommand("a", "yoga-2", null, null, null));
            assertThat(status("w2")).isEqualTo(BookingStatus.CONFIRMED);
            assertThat(waitlisted("w2")).isFalse();
            assertThat(engine.session(SESSION).seatsByBooking()).isEqualTo(Map.of("w1", 1, "w2", 2));
            assertThat(engine.session("yoga-2").seatsByBooking()).isEqualTo(Map.of("a", 2));
        }

        @Test
        void aCanceledWaitlistedBookingIsNeverPromoted() {
            engine(false, 1);
            book("a", PaymentOption.IN_PERSON, 1, false);
            book("w1", PaymentOption.IN_PERSON, 1, true);
            book("w2", PaymentOption.IN_PERSON, 1, true);
            engine.send(new CancelBookingCommand("w1", null, null, CancelRequester.CUSTOMER));
            engine.send(new CancelBookingCommand("a", null, null, CancelRequester.CUSTOMER));
            assertThat(status("w1")).isEqualTo(BookingStatus.CANCELED);
            assertThat(status("w2")).isEqualTo(BookingStatus.CONFIRMED);
        }
    }
}

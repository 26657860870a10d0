package com.bookingengine.command.booking;

import com.bookingengine.api.booking.ApprovePaymentCommand;
import com.bookingengine.api.booking.BookingCanceledEvent;
import com.bookingengine.api.booking.BookingCommandResult;
import com.bookingengine.api.booking.BookingConfirmedEvent;
import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingDeclinedEvent;
import com.bookingengine.api.booking.BookingParticipantsChangedEvent;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.ChangeParticipantsCommand;
import com.bookingengine.api.booking.ConfirmBookingCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.DeclineBookingCommand;
import com.bookingengine.api.booking.FailPaymentCommand;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.booking.PaymentRequest;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.booking.WaitlistJoinedEvent;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.payment.CouponUseReturnedEvent;
import com.bookingengine.api.payment.CouponUsedEvent;
import com.bookingengine.api.payment.CreditsConsumedEvent;
import com.bookingengine.api.payment.CreditsRefundedEvent;
import com.bookingengine.api.payment.Discount;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.payment.Coupon;
import com.bookingengine.command.payment.MembershipPlan;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Coupons and membership credits through the real booking command handler: the fixture records the booking's
 * events, {@link SeatStore} the session's, the coupon's and the plan's, so each test sees that a use or a credit
 * moves in the same unit of work as the seat, and that a refused command moves nothing.
 */
class PaymentTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    /** A class of 20.00 EUR a participant; its one session, a week ahead, has three seats and a waitlist of two. */
    private static final String SERVICE = "yoga";
    private static final Money PRICE = Money.of("20.00", "EUR");
    private static final BookingPolicy POLICY = new BookingPolicy(0, 365, 0, 10, 2, 0, 15);
    private static final String SESSION = "yoga-1";
    private static final Instant START = NOW.plus(Duration.ofDays(7));
    /** The booking each test makes, by Ada (contact c-1), with coupon {@link #CODE} or plan {@link #PLAN}. */
    private static final String BOOKING = "0b6f1a2c-3d4e-4f50-8a61-7b8c9d0e1f21";
    private static final ContactDetails ADA = new ContactDetails("c-1", "Ada", "Lovelace", "ada@example.com", null, null);
    private static final String CODE = "SPRING15";
    private static final String PLAN = "ten-classes";

    private final SeatStore store = new SeatStore();
    private final AggregateTestFixture<Booking> fixture = store.bookingFixture(Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void aClassWithOneSession() {
        service(false);
        store.session(SESSION, SERVICE, START, 3);
    }

    private void service(boolean requiresApproval) {
        store.service(SERVICE, PRICE, Set.of(PaymentOption.IN_PERSON, PaymentOption.ONLINE, PaymentOption.MEMBERSHIP),
                requiresApproval, List.of(), POLICY);
    }

    private static CreateBookingCommand withCoupon(PaymentOption option, int participants, String code) {
        return book(option, participants, code, null, ADA, false);
    }

    private static CreateBookingCommand withPlan(int participants, String planId) {
        return book(PaymentOption.MEMBERSHIP, participants, null, planId, ADA, false);
    }

    private static CreateBookingCommand book(PaymentOption option, int participants, String code, String planId,
                                             ContactDetails contact, boolean joinWaitlist) {
        return new CreateBookingCommand(BOOKING, SERVICE, SESSION, null, null, participants, contact, null,
                new PaymentRequest(option, null, code, planId), joinWaitlist);
    }

    private static BookingCreatedEvent created(int participants, PaymentDetails payment, BookingStatus status,
                                               PaymentStatus paid, boolean requiresApproval) {
        return new BookingCreatedEvent(BOOKING, SERVICE, "Yoga", ServiceType.CLASS, SESSION, START,
                START.plusSeconds(3600), participants, ADA, Map.of(), payment, status, paid, false,
                new BookingTerms("Europe/Berlin", PRICE, requiresApproval, POLICY));
    }

    private List<Object> seatEvents() {
        return store.eventsSinceCreation(SESSION);
    }

    private List<Object> couponEvents(String code) {
        return store.eventsSinceCreation(Coupon.id(code));
    }

    private List<Object> planEvents() {
        return store.eventsSinceCreation(MembershipPlan.id(PLAN));
    }

    @Nested
    class Coupons {

        @Test
        void aPercentageIsTakenOffThePriceOfAllParticipantsAndTheCouponCountsTheUseWithTheSeat() {
            store.coupon(CODE, new Discount(15, null), null, 5);
            Money listed = PRICE.times(2);
            Money charged = Money.of("34.00", "EUR");
            fixture.givenNoPriorActivity()
                    .when(withCoupon(PaymentOption.IN_PERSON, 2, CODE))
                    .expectEvents(created(2, new PaymentDetails(PaymentOption.IN_PERSON, null, CODE, null, listed,
                            charged, new Discount(15, null)), BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID, false))
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CONFIRMED,
                            PaymentStatus.NOT_PAID, 1, charged));
            assertThat(couponEvents(CODE)).containsExactly(new CouponUsedEvent(CODE, BOOKING, 1));
            assertThat(seatEvents()).containsExactly(new SeatsReservedEvent(SESSION, SERVICE, BOOKING, 2));
        }

        @Test
        void aPercentageIsRoundedHalfUpToTheCurrencysScale() {
            Engine engine = new Engine(Clock.fixed(NOW, ZoneOffset.UTC));
            engine.store.coupon("TEN", new Discount(10, null), null, null);
            engine.store.coupon("FIVE", new Discount(5, null), null, null);
            engine.store.service("odd", Money.of("20.05", "EUR"), Set.of(PaymentOption.IN_PERSON), false, List.of(),
                    POLICY);
            engine.store.session("odd-1", "odd", START, 3);
            engine.store.service("yen", Money.of("1050", "JPY"), Set.of(PaymentOption.IN_PERSON), false, List.of(),
                    POLICY);
            engine.store.session("yen-1", "yen", START, 3);

            // 10 % of 20.05 EUR is 2.005: 2.01 off (half-even would take 2.00)
            assertThat(engine.send(new CreateBookingCommand("b-odd", "odd", "odd-1", null, null, 1, ADA, null,
                    new PaymentRequest(PaymentOption.IN_PERSON, null, "TEN", null), false)).finalPrice())
                    .isEqualTo(Money.of("18.04", "EUR"));
            // 5 % of 1050 JPY is 52.5: 53 off, yen have no minor unit
            assertThat(engine.send(new CreateBookingCommand("b-yen", "yen", "yen-1", null, null, 1, ADA, null,
                    new PaymentRequest(PaymentOption.IN_PERSON, null, "FIVE", null), false)).finalPrice())
                    .isEqualTo(Money.of("997", "JPY"));
        }

        @Test
        void aFixedAmountIsTakenOffTheWholeBookingOnce() {
            store.coupon("FIVE-OFF", new Discount(null, Money.of("5", "EUR")), null, null);
            fixture.givenNoPriorActivity()
                    .when(withCoupon(PaymentOption.IN_PERSON, 2, "FIVE-OFF"))
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CONFIRMED,
                            PaymentStatus.NOT_PAID, 1, Money.of("35.00", "EUR")));
        }

        @Test
        void theFinalPriceNeverGoesBelowZeroAndAFreeBookingIsExemptAndConfirmedEvenOnline() {
            store.coupon("BIG", new Discount(null, Money.of("50", "EUR")), null, null);
            Money zero = Money.of("0", "EUR");
            fixture.givenNoPriorActivity()
                    .when(withCoupon(PaymentOption.ONLINE, 1, "BIG"))
                    .expectEvents(created(1, new PaymentDetails(PaymentOption.ONLINE, null, "BIG", null, PRICE, zero,
                                    new Discount(null, Money.of("50", "EUR"))), BookingStatus.CONFIRMED,
                            PaymentStatus.EXEMPT, false))
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CONFIRMED,
                            PaymentStatus.EXEMPT, 1, zero));
        }

        @Test
        void aFreeOnlineBookingThatNeedsApprovalIsConfirmedWithoutCheckout() {
            service(true);
            store.coupon("FREE", new Discount(100, null), null, null);
            fixture.givenCommands(withCoupon(PaymentOption.ONLINE, 1, "FREE"))
                    .when(new ConfirmBookingCommand(BOOKING, 1L, null))
                    .expectEvents(new BookingConfirmedEvent(BOOKING, null, BookingStatus.CONFIRMED,
                            PaymentStatus.EXEMPT));
        }

        @Test
        void anUnknownCodeIsRefusedNamingTheFieldAndNothingChanges() {
            fixture.givenNoPriorActivity()
                    .when(withCoupon(PaymentOption.IN_PERSON, 1, "NOPE"))
                    .expectException(violates(UNKNOWN_COUPON))
                    .expectExceptionMessage(Matchers.containsString("NOPE"))
                    .expectNoEvents();
            assertThat(seatEvents()).isEmpty();
        }

        @Test
        void anExpiredCouponIsRefusedByTheHandlersClockButIsGoodUntilTheInstantItNames() {
            store.coupon("LATE", new Discount(10, null), NOW.minusSeconds(1), null);
            store.coupon("JUST", new Discount(10, null), NOW, null);
            fixture.givenNoPriorActivity()
                    .when(withCoupon(PaymentOption.IN_PERSON, 1, "LATE"))
                    .expectException(violates(COUPON_EXPIRED))
                    .expectExceptionMessage(Matchers.containsString("expired"))
                    .expectNoEvents();
            assertThat(seatEvents()).isEmpty();
            assertThat(couponEvents("LATE")).isEmpty();
            fixture.givenNoPriorActivity()
                    .when(withCoupon(PaymentOption.IN_PERSON, 1, "JUST"))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void aUsedUpCouponIsRefused() {
            store.coupon("ONCE", new Discount(10, null), null, 1);
            store.couponUsedBy("ONCE", "someone-else");
            fixture.givenNoPriorActivity()
                    .when(withCoupon(PaymentOption.IN_PERSON, 1, "ONCE"))
                    .expectException(violates(COUPON_USED_UP))
                    .expectExceptionMessage(Matchers.containsString("used up"))
                    .expectNoEvents();
            assertThat(couponEvents("ONCE")).containsExactly(new CouponUsedEvent("ONCE", "someone-else", 1));
            assertThat(seatEvents()).isEmpty();
        }

        @Test
        void aFixedAmountInAnotherCurrencyIsRefused() {
            store.coupon("DOLLARS", new Discount(null, Money.of("5", "USD")), null, null);
            fixture.givenNoPriorActivity()
                    .when(withCoupon(PaymentOption.IN_PERSON, 1, "DOLLARS"))
                    .expectException(violates(COUPON_CURRENCY))
                    .expectExceptionMessage(Matchers.containsString("EUR"))
                    .expectNoEvents();
        }

        @Test
        void aMembershipBookingTakesNoCoupon() {
            store.coupon(CODE, new Discount(15, null), null, null);
            store.plan(PLAN, "c-1", 10, SERVICE);
            fixture.givenNoPriorActivity()
                    .when(book(PaymentOption.MEMBERSHIP, 1, CODE, PLAN, ADA, false))
                    .expectException(violates(MEMBERSHIP_TAKES_NO_COUPON))
                    .expectNoEvents();
        }

        @Test
        void sendingTheSameCreateAgainCountsNoSecondUse() {
            store.coupon(CODE, new Discount(15, null), null, 1);
            fixture.givenCommands(withCoupon(PaymentOption.IN_PERSON, 1, CODE))
                    .when(withCoupon(PaymentOption.IN_PERSON, 1, CODE))
                    .expectNoEvents()
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CONFIRMED,
                            PaymentStatus.NOT_PAID, 1, Money.of("17.00", "EUR")));
            assertThat(couponEvents(CODE)).containsExactly(new CouponUsedEvent(CODE, BOOKING, 1));
        }

        @Test
        void aWaitlistedBookingHoldsItsUseToo() {
            store.coupon(CODE, new Discount(15, null), null, 1);
            store.seatsTaken(SESSION, SERVICE, "someone-else", 3);
            fixture.givenNoPriorActivity()
                    .when(book(PaymentOption.IN_PERSON, 1, CODE, null, ADA, true))
                    .expectSuccessfulHandlerExecution();
            assertThat(seatEvents()).endsWith(new WaitlistJoinedEvent(SESSION, SERVICE, BOOKING, 1));
            assertThat(couponEvents(CODE)).containsExactly(new CouponUsedEvent(CODE, BOOKING, 1));
        }
    }

    @Nested
    class CouponUseGivenBack {

        @BeforeEach
        void aCouponOfOneUse() {
            store.coupon(CODE, new Discount(15, null), null, 1);
        }

        @Test
        void aCancelGivesTheUseBackWithTheSeat() {
            fixture.givenCommands(withCoupon(PaymentOption.IN_PERSON, 1, CODE))
                    .when(new CancelBookingCommand(BOOKING, null, null, CancelRequester.CUSTOMER))
                    .expectEvents(new BookingCanceledEvent(BOOKING, CancelRequester.CUSTOMER, null,
                            BookingStatus.CANCELED, PaymentStatus.NOT_PAID));
            assertThat(couponEvents(CODE)).containsExactly(new CouponUsedEvent(CODE, BOOKING, 1),
                    new CouponUseReturnedEvent(CODE, BOOKING, 0));
        }

        @Test
        void aDeclineGivesItBack() {
            service(true);
            fixture.givenCommands(withCoupon(PaymentOption.IN_PERSON, 1, CODE))
                    .when(new DeclineBookingCommand(BOOKING, null, "full"))
                    .expectSuccessfulHandlerExecution();
            assertThat(couponEvents(CODE)).endsWith(new CouponUseReturnedEvent(CODE, BOOKING, 0));
        }

        @Test
        void aFailedPaymentGivesItBack() {
            fixture.givenCommands(withCoupon(PaymentOption.ONLINE, 1, CODE))
                    .when(new FailPaymentCommand(BOOKING, null, "card declined"))
                    .expectSuccessfulHandlerExecution();
            assertThat(couponEvents(CODE)).endsWith(new CouponUseReturnedEvent(CODE, BOOKING, 0));
        }

        @Test
        void aCanceledWaitlistedBookingGivesItBack() {
            store.seatsTaken(SESSION, SERVICE, "someone-else", 3);
            fixture.givenCommands(book(PaymentOption.IN_PERSON, 1, CODE, null, ADA, true))
                    .when(new CancelBookingCommand(BOOKING, null, null, CancelRequester.CUSTOMER))
                    .expectSuccessfulHandlerExecution();
            assertThat(couponEvents(CODE)).endsWith(new CouponUseReturnedEvent(CODE, BOOKING, 0));
        }

        @Test
        void anApprovedPaymentKeepsTheUse() {
            fixture.givenCommands(withCoupon(PaymentOption.ONLINE, 1, CODE))
                    .when(new ApprovePaymentCommand(BOOKING, "tx-1", null))
                    .expectSuccessfulHandlerExecution();
            assertThat(couponEvents(CODE)).containsExactly(new CouponUsedEvent(CODE, BOOKING, 1));
        }

        @Test
        void aRepeatedCancelGivesNothingBackAgain() {
            fixture.givenCommands(withCoupon(PaymentOption.IN_PERSON, 1, CODE),
                            new CancelBookingCommand(BOOKING, null, null, CancelRequester.OWNER))
                    .when(new CancelBookingCommand(BOOKING, null, null, CancelRequester.OWNER))
                    .expectNoEvents();
            assertThat(couponEvents(CODE)).containsExactly(new CouponUsedEvent(CODE, BOOKING, 1),
                    new CouponUseReturnedEvent(CODE, BOOKING, 0));
        }

        @Test
        void moreParticipantsKeepTheDiscountAndTheOneUse() {
            fixture.givenCommands(withCoupon(PaymentOption.IN_PERSON, 1, CODE))
                    .when(new ChangeParticipantsCommand(BOOKING, 3, null))
                    .expectEvents(new BookingParticipantsChangedEvent(BOOKING, 1, 3, PRICE.times(3),
                            Money.of("51.00", "EUR"), BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID));
            assertThat(couponEvents(CODE)).containsExactly(new CouponUsedEvent(CODE, BOOKING, 1));
        }

        @Test
        void aUseGivenBackCanBeTakenByTheNextBooking() {
            Engine engine = new Engine(Clock.fixed(NOW, ZoneOffset.UTC));
            engine.store.service(SERVICE, PRICE, Set.of(PaymentOption.IN_PERSON), false, List.of(), POLICY);
            engine.store.session(SESSION, SERVICE, START, 3);
            engine.store.coupon(CODE, new Discount(15, null), null, 1);
            CreateBookingCommand first = new CreateBookingCommand("first", SERVICE, SESSION, null, null, 1, ADA,
                    null, new PaymentRequest(PaymentOption.IN_PERSON, null, CODE, null), false);
            CreateBookingCommand second = new CreateBookingCommand("second", SERVICE, SESSION, null, null, 1, ADA,
                    null, new PaymentRequest(PaymentOption.IN_PERSON, null, CODE, null), false);
            engine.send(first);
            assertThatThrownBy(() -> engine.send(second)).isInstanceOfSatisfying(RuleViolation.class,
                    e -> assertThat(e.rule()).isEqualTo(COUPON_USED_UP));
            assertThat(engine.booking("second")).isEmpty();
            assertThat(engine.session(SESSION).seatsByBooking()).containsOnlyKeys("first");

            engine.send(new CancelBookingCommand("first", null, null, CancelRequester.OWNER));

            assertThat(engine.send(second).finalPrice()).isEqualTo(Money.of("17.00", "EUR"));
            assertThat(engine.events(Coupon.id(CODE)).stream().map(e -> e.getPayload().getClass().getSimpleName()))
                    .containsExactly("CouponCreatedEvent", "CouponUsedEvent", "CouponUseReturnedEvent",
                            "CouponUsedEvent");
        }
    }

    @Nested
    class Memberships {

        @BeforeEach
        void aPlanOfTenCredits() {
            store.plan(PLAN, "c-1", 10, SERVICE, "pilates");
        }

        @Test
        void aMembershipBookingPaysOneCreditPerParticipantWithTheSeatAndIsPaid() {
            Money listed = PRICE.times(2);
            fixture.givenNoPriorActivity()
                    .when(withPlan(2, PLAN))
                    .expectEvents(created(2, new PaymentDetails(PaymentOption.MEMBERSHIP, null, null, PLAN, listed,
                            listed), BookingStatus.CONFIRMED, PaymentStatus.PAID, false))
                    .expectResultMessagePayload(new BookingCommandResult(BOOKING, BookingStatus.CONFIRMED,
                            PaymentStatus.PAID, 1, listed));
            assertThat(planEvents()).containsExactly(new CreditsConsumedEvent(PLAN, "c-1", BOOKING, 2, 8));
            assertThat(seatEvents()).containsExactly(new SeatsReservedEvent(SESSION, SERVICE, BOOKING, 2));
        }

        @Test
        void withApprovalItWaitsAsPendingAlreadyPaidAndIsConfirmedPaid() {
            service(true);
            fixture.givenCommands(withPlan(1, PLAN))
                    .when(new ConfirmBookingCommand(BOOKING, 1L, null))
                    .expectEvents(new BookingConfirmedEvent(BOOKING, null, BookingStatus.CONFIRMED, PaymentStatus.PAID));
        }

        @Test
        void thePlanMustBeNamedKnownForThisServiceAndThisContact() {
            store.plan("other-contact", "c-2", 10, SERVICE);
            store.plan("other-service", "c-1", 10, "pilates");
            ContactDetails anonymous = new ContactDetails(null, "Ada", "Lovelace", "ada@example.com", null, null);
            for (var refused : List.of(Map.entry(withPlan(1, null), MEMBERSHIP_NEEDS_PLAN),
                    Map.entry(withPlan(1, " "), MEMBERSHIP_NEEDS_PLAN),
                    Map.entry(withPlan(1, "other-contact"), PLAN_OF_OTHER_CONTACT),
                    Map.entry(withPlan(1, "other-service"), PLAN_NOT_FOR_SERVICE),
                    Map.entry(book(PaymentOption.MEMBERSHIP, 1, null, PLAN, anonymous, false), PLAN_OF_OTHER_CONTACT),
                    Map.entry(book(PaymentOption.IN_PERSON, 1, null, PLAN, ADA, false), PLAN_ONLY_FOR_MEMBERSHIP))) {
                fixture.givenNoPriorActivity()
                        .when(refused.getKey())
                        .expectException(violates(refused.getValue()))
                        .expectNoEvents();
            }
            fixture.givenNoPriorActivity()
                    .when(withPlan(1, "no-such-plan"))
                    .expectException(violates(UNKNOWN_PLAN))
                    .expectNoEvents();
            assertThat(seatEvents()).isEmpty();
            assertThat(planEvents()).isEmpty();
        }

        @Test
        void tooFewCreditsIsAConflictAndNothingChanges() {
            store.plan("one-left", "c-1", 1, SERVICE);
            fixture.givenNoPriorActivity()
                    .when(withPlan(2, "one-left"))
                    .expectException(violates(CREDITS_EXHAUSTED))
                    .expectExceptionMessage(Matchers.containsString("1 credit(s) left"))
                    .expectNoEvents();
            assertThat(seatEvents()).isEmpty();
            assertThat(store.eventsOf(MembershipPlan.id("one-left"))).hasSize(1);
        }

        @Test
        void aCancelRefundsTheCreditsWithTheSeat() {
            fixture.givenCommands(withPlan(2, PLAN))
                    .when(new CancelBookingCommand(BOOKING, null, null, CancelRequester.OWNER))
                    .expectEvents(new BookingCanceledEvent(BOOKING, CancelRequester.OWNER, null,
                            BookingStatus.CANCELED, PaymentStatus.REFUNDED));
            assertThat(planEvents()).containsExactly(new CreditsConsumedEvent(PLAN, "c-1", BOOKING, 2, 8),
                    new CreditsRefundedEvent(PLAN, "c-1", BOOKING, 2, 10));
        }

        @Test
        void aDeclineRefundsThem() {
            service(true);
            fixture.givenCommands(withPlan(3, PLAN))
                    .when(new DeclineBookingCommand(BOOKING, null, null))
                    .expectEvents(new BookingDeclinedEvent(BOOKING, null, BookingStatus.DECLINED,
                            PaymentStatus.REFUNDED));
            assertThat(planEvents()).endsWith(new CreditsRefundedEvent(PLAN, "c-1", BOOKING, 3, 10));
        }

        @Test
        void moreParticipantsPayTheExtraCredits() {
            fixture.givenCommands(withPlan(1, PLAN))
                    .when(new ChangeParticipantsCommand(BOOKING, 3, null))
                    .expectEvents(new BookingParticipantsChangedEvent(BOOKING, 1, 3, PRICE.times(3), PRICE.times(3),
                            BookingStatus.CONFIRMED, PaymentStatus.PAID));
            assertThat(planEvents()).containsExactly(new CreditsConsumedEvent(PLAN, "c-1", BOOKING, 1, 9),
                    new CreditsConsumedEvent(PLAN, "c-1", BOOKING, 2, 7));
        }

        @Test
        void fewerParticipantsGetCreditsBack() {
            fixture.givenCommands(withPlan(3, PLAN))
                    .when(new ChangeParticipantsCommand(BOOKING, 1, null))
                    .expectSuccessfulHandlerExecution();
            assertThat(planEvents()).containsExactly(new CreditsConsumedEvent(PLAN, "c-1", BOOKING, 3, 7),
                    new CreditsRefundedEvent(PLAN, "c-1", BOOKING, 2, 9));
        }

        @Test
        void moreParticipantsThanCreditsLeftIsAConflictAndNothingChanges() {
            store.plan("two", "c-1", 2, SERVICE);
            fixture.givenCommands(withPlan(1, "two"))
                    .when(new ChangeParticipantsCommand(BOOKING, 3, null))
                    .expectException(violates(CREDITS_EXHAUSTED))
                    .expectNoEvents();
            assertThat(seatEvents()).containsExactly(new SeatsReservedEvent(SESSION, SERVICE, BOOKING, 1));
            assertThat(store.eventsOf(MembershipPlan.id("two"))).hasSize(2);
        }

        @Test
        void aWaitlistedBookingPaysToo() {
            store.seatsTaken(SESSION, SERVICE, "someone-else", 3);
            fixture.givenCommands(book(PaymentOption.MEMBERSHIP, 2, null, PLAN, ADA, true))
                    .when(new CancelBookingCommand(BOOKING, null, null, CancelRequester.CUSTOMER))
                    .expectSuccessfulHandlerExecution();
            assertThat(planEvents()).containsExactly(new CreditsConsumedEvent(PLAN, "c-1", BOOKING, 2, 8),
                    new CreditsRefundedEvent(PLAN, "c-1", BOOKING, 2, 10));
        }

        @Test
        void sendingTheSameCreateAgainPaysNothingMore() {
            fixture.givenCommands(withPlan(2, PLAN))
                    .when(withPlan(2, PLAN))
                    .expectNoEvents();
            assertThat(planEvents()).hasSize(1);
        }
    }
}

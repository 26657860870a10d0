package com.bookingengine.command.payment;

import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.payment.CouponCreatedEvent;
import com.bookingengine.api.payment.CreateCouponCommand;
import com.bookingengine.api.payment.Discount;
import com.bookingengine.api.payment.GrantMembershipPlanCommand;
import com.bookingengine.api.payment.MembershipPlanGrantedEvent;
import com.bookingengine.command.catalogue.BookableService;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static com.bookingengine.api.rules.Rule.*;
import static com.bookingengine.command.Rejections.violates;


/**
 * Defining coupons and granting plans, accepted and refused, through the real {@link PaymentCommandHandler}. Spending
 * them is the booking's business: {@code PaymentTest} in the booking package.
 */
class PaymentCommandsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** The other aggregates the handler reads: services (a plan must name existing ones), and the other kind. */
    private final EmbeddedEventStore others = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final Repository<BookableService> services = EventSourcingRepository.builder(BookableService.class)
            .eventStore(others).build();

    @BeforeEach
    void aCatalogueWithYogaAndPilates() {
        for (String serviceId : List.of("yoga", "pilates")) {
            others.publish(new GenericDomainEventMessage<>("BookableService", serviceId, 0, new ServiceCreatedEvent(
                    serviceId, serviceId, ServiceType.CLASS, "Europe/Berlin", null, Money.of("20", "EUR"),
                    Set.of(PaymentOption.MEMBERSHIP), false, List.of(), BookingPolicy.defaults(), 10, null)));
        }
    }

    @Nested
    class Coupons {

        private AggregateTestFixture<Coupon> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(Coupon.class);
            fixture.registerAnnotatedCommandHandler(new PaymentCommandHandler(fixture.getRepository(),
                    EventSourcingRepository.builder(MembershipPlan.class).eventStore(others).build(), services, CLOCK));
        }

        @Test
        void aPercentageCouponIsDefined() {
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponCommand("SPRING15", 15, null, NOW.plusSeconds(3600), 100))
                    .expectEvents(new CouponCreatedEvent("SPRING15", new Discount(15, null), NOW.plusSeconds(3600), 100))
                    .expectResultMessagePayload("SPRING15");
        }

        @Test
        void aFixedAmountCouponWithoutLimitsIsDefined() {
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponCommand("FIVE", null, Money.of("5", "EUR"), null, null))
                    .expectEvents(new CouponCreatedEvent("FIVE", new Discount(null, Money.of("5.00", "EUR")), null,
                            null));
        }

        // one code for every refusal of a test: the fixture follows one aggregate id
        @Test
        void exactlyOneOfPercentOffAndAmountOffIsRequired() {
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponCommand("BAD", null, null, null, null))
                    .expectException(violates(COUPON_DISCOUNT_REQUIRED)).expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponCommand("BAD", 10, Money.of("5", "EUR"), null, null))
                    .expectException(violates(COUPON_TWO_DISCOUNTS)).expectNoEvents();
        }

        @Test
        void outOfRangeValuesAreRefusedNamingTheirField() {
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponCommand("BAD", 0, null, null, null))
                    .expectException(violates(PERCENT_OFF_OUT_OF_RANGE)).expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponCommand("BAD", 101, null, null, null))
                    .expectException(violates(PERCENT_OFF_OUT_OF_RANGE)).expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponCommand("BAD", null, Money.of("0", "EUR"), null, null))
                    .expectException(violates(AMOUNT_OFF_ZERO)).expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponCommand("BAD", 10, null, null, 0))
                    .expectException(violates(MAX_USES_BELOW_ONE)).expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new CreateCouponCommand("BAD", 10, null, NOW, null))
                    .expectException(violates(VALID_UNTIL_PASSED)).expectNoEvents();
        }

        @Test
        void aSecondCouponWithTheSameCodeIsAConflict() {
            fixture.given(new CouponCreatedEvent("SPRING15", new Discount(15, null), null, null))
                    .when(new CreateCouponCommand("SPRING15", 20, null, null, null))
                    .expectException(violates(ALREADY_EXISTS)).expectNoEvents();
        }
    }

    @Nested
    class Plans {

        private AggregateTestFixture<MembershipPlan> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(MembershipPlan.class);
            fixture.registerAnnotatedCommandHandler(new PaymentCommandHandler(
                    EventSourcingRepository.builder(Coupon.class).eventStore(others).build(), fixture.getRepository(),
                    services, CLOCK));
        }

        @Test
        void aPlanIsGrantedToAContactForItsServices() {
            fixture.givenNoPriorActivity()
                    .when(new GrantMembershipPlanCommand("p-1", "c-1", " Ten classes ", 10, List.of("yoga", "pilates")))
                    .expectEvents(new MembershipPlanGrantedEvent("p-1", "c-1", "Ten classes", 10,
                            Set.of("yoga", "pilates")))
                    .expectResultMessagePayload("p-1");
        }

        @Test
        void everyServiceMustExist() {
            fixture.givenNoPriorActivity()
                    .when(new GrantMembershipPlanCommand("p-1", "c-1", "Ten", 10, List.of("yoga", "boxing")))
                    .expectException(violates(PLAN_OF_UNKNOWN_SERVICE, "1")).expectNoEvents();
        }

        @Test
        void creditsNameAndServicesAreRequired() {
            fixture.givenNoPriorActivity()
                    .when(new GrantMembershipPlanCommand("p-1", "c-1", "Ten", 0, List.of("yoga")))
                    .expectException(violates(CREDITS_BELOW_ONE)).expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new GrantMembershipPlanCommand("p-1", "c-1", " ", 10, List.of("yoga")))
                    .expectException(violates(NAME_REQUIRED)).expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new GrantMembershipPlanCommand("p-1", "c-1", "Ten", 10, List.of()))
                    .expectException(violates(PLAN_SERVICES_REQUIRED)).expectNoEvents();
        }

        @Test
        void aSecondPlanWithTheSameIdIsAConflict() {
            fixture.given(new MembershipPlanGrantedEvent("p-1", "c-1", "Ten", 10, Set.of("yoga")))
                    .when(new GrantMembershipPlanCommand("p-1", "c-2", "Five", 5, List.of("yoga")))
                    .expectException(violates(ALREADY_EXISTS)).expectNoEvents();
        }
    }
}

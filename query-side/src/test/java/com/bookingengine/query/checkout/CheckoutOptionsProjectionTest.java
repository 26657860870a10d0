package com.bookingengine.query.checkout;

import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.payment.CheckoutOptions;
import com.bookingengine.api.payment.CheckoutOptionsQuery;
import com.bookingengine.api.payment.CreditsConsumedEvent;
import com.bookingengine.api.payment.CreditsRefundedEvent;
import com.bookingengine.api.payment.MembershipPlanGrantedEvent;
import com.bookingengine.query.ProjectionTestSupport;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.bookingengine.api.payment.CheckoutOptions.Option.membership;
import static com.bookingengine.api.payment.CheckoutOptions.Option.of;
import static org.assertj.core.api.Assertions.assertThat;

/** The checkout options read model: a service's payment options and a contact's plans with their credits left. */
class CheckoutOptionsProjectionTest extends ProjectionTestSupport {

    private static final String PLAN_AGGREGATE = "MembershipPlan";

    private static ServiceCreatedEvent service(String serviceId, Set<PaymentOption> options) {
        return new ServiceCreatedEvent(serviceId, "Yoga " + serviceId, ServiceType.CLASS, "Europe/Paris", null,
                Money.of("20", "EUR"), options, false, List.of(), policy(0, 365), 10, null);
    }

    private void grant(String planId, String contactId, String name, int credits, String... serviceIds) {
        publish(PLAN_AGGREGATE, "plan/" + planId, new MembershipPlanGrantedEvent(planId, contactId, name, credits,
                Set.of(serviceIds)));
    }

    private Optional<CheckoutOptions> options(String serviceId, String contactId) {
        return queryGateway.query(new CheckoutOptionsQuery(serviceId, contactId),
                ResponseTypes.optionalInstanceOf(CheckoutOptions.class)).join();
    }

    @Test
    void theServicesOptionsComeWithOneEntryPerPlanOfTheContactCoveringItAndItsCreditsLeft() {
        // given a service taking every option, and plans of two contacts for it and for another service
        String yoga = id("yoga");
        String pilates = id("pilates");
        String ada = id("ada");
        String grace = id("grace");
        String tenClasses = id("ten");
        String fiveClasses = id("five");
        publishService(service(yoga, EnumSet.allOf(PaymentOption.class)));
        publishService(service(pilates, EnumSet.of(PaymentOption.MEMBERSHIP)));
        grant(tenClasses, ada, "Ten classes", 10, yoga, pilates);
        grant(fiveClasses, ada, "Five classes", 5, yoga);
        grant(id("pilates-only"), ada, "Pilates", 5, pilates);
        grant(id("grace"), grace, "Grace's classes", 3, yoga);

        // when bookings pay and refund credits of the ten-class plan
        publish(PLAN_AGGREGATE, "plan/" + tenClasses, new CreditsConsumedEvent(tenClasses, ada, "b-1", 3, 7));
        publish(PLAN_AGGREGATE, "plan/" + tenClasses, new CreditsConsumedEvent(tenClasses, ada, "b-2", 2, 5));
        publish(PLAN_AGGREGATE, "plan/" + tenClasses, new CreditsRefundedEvent(tenClasses, ada, "b-1", 3, 8));
        publish(PLAN_AGGREGATE, "plan/" + fiveClasses, new CreditsConsumedEvent(fiveClasses, ada, "b-3", 5, 0));
        awaitProjections();

        // then Ada sees the online and in-person options, then her plans for yoga by name, with what is left
        assertThat(options(yoga, ada)).contains(new CheckoutOptions(List.of(of(PaymentOption.ONLINE),
                of(PaymentOption.IN_PERSON), membership(fiveClasses, "Five classes", 0),
                membership(tenClasses, "Ten classes", 8))));
        // and a contact without plans only the options that need none
        assertThat(options(yoga, id("nobody"))).contains(new CheckoutOptions(List.of(of(PaymentOption.ONLINE),
                of(PaymentOption.IN_PERSON))));
    }

    @Test
    void plansAreListedOnlyWhileTheServiceTakesMemberships() {
        // given a service without memberships and a plan for it
        String yoga = id("yoga");
        String ada = id("ada");
        String plan = id("plan");
        publishService(service(yoga, EnumSet.of(PaymentOption.IN_PERSON)));
        grant(plan, ada, "Ten classes", 10, yoga);
        awaitProjections();
        assertThat(options(yoga, ada)).contains(new CheckoutOptions(List.of(of(PaymentOption.IN_PERSON))));

        // when the owner lets the service take memberships
        publish(SERVICE_AGGREGATE, yoga, new ServiceUpdatedEvent(yoga, "Yoga", null, Money.of("20", "EUR"),
                EnumSet.of(PaymentOption.IN_PERSON, PaymentOption.MEMBERSHIP), false, List.of(),
                BookingPolicy.defaults(), 10, null));
        awaitProjections();

        // then the plan is an option
        assertThat(options(yoga, ada)).contains(new CheckoutOptions(List.of(of(PaymentOption.IN_PERSON),
                membership(plan, "Ten classes", 10))));
    }

    @Test
    void anUnknownServiceHasNoOptions() {
        awaitProjections();
        assertThat(options(id("nowhere"), id("ada"))).isEmpty();
    }
}

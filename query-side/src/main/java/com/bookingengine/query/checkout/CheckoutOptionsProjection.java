package com.bookingengine.query.checkout;

import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.payment.CheckoutOptions;
import com.bookingengine.api.payment.CheckoutOptionsQuery;
import com.bookingengine.api.payment.CreditsConsumedEvent;
import com.bookingengine.api.payment.CreditsRefundedEvent;
import com.bookingengine.api.payment.MembershipPlanGrantedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a contact may pay for a service ({@code GET /checkout-options}): the service's accepted options, kept from the
 * catalogue's events, and the contact's membership plans with the credits left on each, kept from the plans' events
 * (every credit event says how many are left, so nothing is counted here).
 */
@Component
@ProcessingGroup(CheckoutOptionsProjection.PROCESSING_GROUP)
public class CheckoutOptionsProjection {

    public static final String PROCESSING_GROUP = "checkout";

    private final CheckoutServiceRepository services;
    private final CheckoutPlanRepository plans;

    CheckoutOptionsProjection(CheckoutServiceRepository services, CheckoutPlanRepository plans) {
        this.services = services;
        this.plans = plans;
    }

    @EventHandler
    void on(ServiceCreatedEvent event) {
        services.save(new CheckoutService(event.serviceId(), Set.copyOf(event.paymentOptions())));
    }

    @EventHandler
    void on(ServiceUpdatedEvent event) {
        CheckoutService service = services.findById(event.serviceId()).orElseThrow(() -> new IllegalStateException(
                "Service " + event.serviceId() + " was updated before it was created in this read model"));
        service.paymentOptions = Set.copyOf(event.paymentOptions());
    }

    @EventHandler
    void on(MembershipPlanGrantedEvent event) {
        plans.save(new CheckoutPlan(event.planId(), event.contactId(), event.name(), event.credits(),
                Set.copyOf(event.serviceIds())));
    }

    @EventHandler
    void on(CreditsConsumedEvent event) {
        plan(event.planId()).remainingCredits = event.remainingCredits();
    }

    @EventHandler
    void on(CreditsRefundedEvent event) {
        plan(event.planId()).remainingCredits = event.remainingCredits();
    }

    @ResetHandler
    void reset() {
        plans.deleteAllInBatch();
        services.deleteAllInBatch();
    }

    /**
     * Empty when the service is unknown. Options in a fixed order (ONLINE, IN_PERSON), then one MEMBERSHIP entry per
     * plan of the contact that covers the service, by name, when the service takes memberships; a plan with no
     * credits left is listed with 0.
     */
    @QueryHandler
    Optional<CheckoutOptions> handle(CheckoutOptionsQuery query) {
        return services.findById(query.serviceId()).map(service -> {
            List<CheckoutOptions.Option> options = new ArrayList<>();
            for (PaymentOption option : List.of(PaymentOption.ONLINE, PaymentOption.IN_PERSON)) {
                if (service.paymentOptions.contains(option)) {
                    options.add(CheckoutOptions.Option.of(option));
                }
            }
            if (service.paymentOptions.contains(PaymentOption.MEMBERSHIP)) {
                plans.findByContactIdOrderByNameAscPlanIdAsc(query.contactId()).stream()
                        .filter(plan -> plan.serviceIds.contains(query.serviceId()))
                        .forEach(plan -> options.add(CheckoutOptions.Option.membership(plan.planId, plan.name,
                                plan.remainingCredits)));
            }
            return new CheckoutOptions(options);
        });
    }

    private CheckoutPlan plan(String planId) {
        return plans.findById(planId).orElseThrow(() -> new IllegalStateException(
                "Credits of plan " + planId + " changed before the plan was granted in this read model"));
    }
}

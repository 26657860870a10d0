package com.bookingengine.command.payment;

import com.bookingengine.api.payment.CreateCouponCommand;
import com.bookingengine.api.payment.GrantMembershipPlanCommand;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.catalogue.BookableService;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

import static com.bookingengine.api.rules.Rule.*;
import static com.bookingengine.command.Aggregates.exists;

/**
 * Defines coupons and grants membership plans. Their uses and credits are spent by the booking command handler, in
 * the bookings' own units of work. A code or plan id that exists is refused; two creates racing for one id both try
 * to write its first event, the event store keeps one, and the gateway's retry refuses the other.
 */
@Component
public class PaymentCommandHandler {

    private final Repository<Coupon> coupons;
    private final Repository<MembershipPlan> plans;
    private final Repository<BookableService> services;
    private final Clock clock;

    public PaymentCommandHandler(Repository<Coupon> coupons, Repository<MembershipPlan> plans,
                                 Repository<BookableService> services, Clock clock) {
        this.coupons = coupons;
        this.plans = plans;
        this.services = services;
        this.clock = clock;
    }

    /** Answers the coupon's code. */
    @CommandHandler
    public String handle(CreateCouponCommand command) throws Exception {
        if (exists(coupons, Coupon.id(command.code()))) {
            throw new RuleViolation(ALREADY_EXISTS, "Coupon '" + command.code() + "' already exists");
        }
        coupons.newInstance(() -> new Coupon(command, clock.instant()));
        return command.code();
    }

    /** Answers the plan's id. Every service it names must exist. */
    @CommandHandler
    public String handle(GrantMembershipPlanCommand command) throws Exception {
        if (exists(plans, MembershipPlan.id(command.planId()))) {
            throw new RuleViolation(ALREADY_EXISTS, "Plan " + command.planId() + " already exists");
        }
        List<String> serviceIds = command.serviceIds() == null ? List.of() : command.serviceIds();
        for (int i = 0; i < serviceIds.size(); i++) {
            if (!exists(services, serviceIds.get(i))) {
                throw new RuleViolation(PLAN_OF_UNKNOWN_SERVICE, "Unknown service " + serviceIds.get(i)).at(i);
            }
        }
        plans.newInstance(() -> new MembershipPlan(command));
        return command.planId();
    }
}

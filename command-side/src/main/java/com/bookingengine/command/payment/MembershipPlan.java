package com.bookingengine.command.payment;

import com.bookingengine.api.payment.CreditsConsumedEvent;
import com.bookingengine.api.payment.CreditsRefundedEvent;
import com.bookingengine.api.payment.GrantMembershipPlanCommand;
import com.bookingengine.api.payment.MembershipPlanGrantedEvent;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.caching.CacheNames;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static com.bookingengine.api.rules.Rule.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A contact's membership plan (id {@link #id(String) plan/planId}): credits for some services, and the credits each
 * booking paid with. The single owner of "never below zero credits": every booking consumes and refunds here, in
 * the unit of work that takes or gives back its seats, so bookings racing for the last credits serialize on this
 * stream.
 */
@Aggregate(cache = CacheNames.PLANS)
public class MembershipPlan {

    @AggregateIdentifier
    private String aggregateId;
    private String planId;
    private String contactId;
    private Set<String> serviceIds;
    private int remaining;
    private final Map<String, Integer> creditsByBooking = new HashMap<>();

    protected MembershipPlan() {
        // for Axon
    }

    MembershipPlan(GrantMembershipPlanCommand command) {
        if (command.name() == null || command.name().isBlank()) {
            throw new RuleViolation(NAME_REQUIRED, "A plan needs a name");
        }
        if (command.credits() < 1) {
            throw new RuleViolation(CREDITS_BELOW_ONE, "credits must be at least 1");
        }
        if (command.serviceIds() == null || command.serviceIds().isEmpty()) {
            throw new RuleViolation(PLAN_SERVICES_REQUIRED, "A plan covers at least one service");
        }
        apply(new MembershipPlanGrantedEvent(command.planId(), command.contactId(), command.name().trim(),
                command.credits(), Set.copyOf(command.serviceIds())));
    }

    /** Plan ids and the other aggregates' ids share one namespace in the event store ('/' as for coupons). */
    public static String id(String planId) {
        return "plan/" + planId;
    }

    /**
     * A new booking of {@code serviceId} by {@code contactId} pays {@code credits} credits: refused when
     * the plan is someone else's or not for the service, and when too few
     * are left. A booking that already paid changes nothing.
     */
    public void consume(String bookingId, String bookingContactId, String serviceId, int credits) {
        if (!Objects.equals(contactId, bookingContactId)) {
            throw new RuleViolation(PLAN_OF_OTHER_CONTACT, "Plan " + planId + " belongs to contact " + contactId
                    + ", not to this booking's contact.contactId " + bookingContactId);
        }
        if (!serviceIds.contains(serviceId)) {
            throw new RuleViolation(PLAN_NOT_FOR_SERVICE, "Plan " + planId + " does not cover service " + serviceId
                    + "; it covers " + serviceIds.stream().sorted().toList());
        }
        if (!creditsByBooking.containsKey(bookingId)) {
            take(bookingId, credits);
        }
    }

    /** A booking now brings {@code credits} participants: it pays the extra ones (if enough are left), or gets some back. */
    public void changeCredits(String bookingId, int credits) {
        Integer held = creditsByBooking.get(bookingId);
        if (held == null) {
            throw new IllegalStateException("Booking " + bookingId + " paid nothing with plan " + planId);
        }
        if (credits > held) {
            take(bookingId, credits - held);
        } else if (credits < held) {
            apply(new CreditsRefundedEvent(planId, contactId, bookingId, held - credits, remaining + held - credits));
        }
    }

    /** A canceled or declined booking gets back every credit it paid. A booking that paid none changes nothing. */
    public void refund(String bookingId) {
        Integer held = creditsByBooking.get(bookingId);
        if (held != null) {
            apply(new CreditsRefundedEvent(planId, contactId, bookingId, held, remaining + held));
        }
    }

    private void take(String bookingId, int credits) {
        if (credits > remaining) {
            throw new RuleViolation(CREDITS_EXHAUSTED, "Plan " + planId + " has " + remaining
                    + " credit(s) left; the booking needs " + credits);
        }
        apply(new CreditsConsumedEvent(planId, contactId, bookingId, credits, remaining - credits));
    }

    public int remainingCredits() {
        return remaining;
    }

    /** Credits paid per booking (a copy). */
    public Map<String, Integer> creditsByBooking() {
        return Map.copyOf(creditsByBooking);
    }

    @EventSourcingHandler
    void on(MembershipPlanGrantedEvent event) {
        aggregateId = id(event.planId());
        planId = event.planId();
        contactId = event.contactId();
        serviceIds = event.serviceIds();
        remaining = event.credits();
    }

    @EventSourcingHandler
    void on(CreditsConsumedEvent event) {
        creditsByBooking.merge(event.bookingId(), event.credits(), Integer::sum);
        remaining = event.remainingCredits();
    }

    @EventSourcingHandler
    void on(CreditsRefundedEvent event) {
        creditsByBooking.computeIfPresent(event.bookingId(), (id, held) -> held == event.credits() ? null
                : held - event.credits());
        remaining = event.remainingCredits();
    }
}

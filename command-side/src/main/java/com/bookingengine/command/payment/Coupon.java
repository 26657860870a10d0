package com.bookingengine.command.payment;

import com.bookingengine.api.payment.CouponCreatedEvent;
import com.bookingengine.api.payment.CouponUseReturnedEvent;
import com.bookingengine.api.payment.CouponUsedEvent;
import com.bookingengine.api.payment.CreateCouponCommand;
import com.bookingengine.api.payment.Discount;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.caching.CacheNames;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static com.bookingengine.api.rules.Rule.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One coupon (id {@link #id(String) coupon/code}) and the bookings holding a use of it: the single owner of "at
 * most maxUses bookings". A booking takes its use in the unit of work that creates it and gives it back in the one
 * that ends it, so two bookings racing for the last use append to this one stream and the event store's unique
 * (aggregate id, sequence) key lets exactly one of them win.
 */
@Aggregate(cache = CacheNames.COUPONS)
public class Coupon {

    @AggregateIdentifier
    private String couponId;
    private String code;
    private Discount discount;
    private Instant validUntil;
    private Integer maxUses;
    private final Set<String> usedBy = new HashSet<>();

    protected Coupon() {
        // for Axon
    }

    Coupon(CreateCouponCommand command, Instant now) {
        Integer percentOff = command.percentOff();
        if (percentOff == null && command.amountOff() == null) {
            throw new RuleViolation(COUPON_DISCOUNT_REQUIRED,
                    "A coupon takes either percentOff (1-100) or amountOff off");
        }
        if (percentOff != null && command.amountOff() != null) {
            throw new RuleViolation(COUPON_TWO_DISCOUNTS,
                    "A coupon takes either percentOff or amountOff off, not both");
        }
        if (percentOff != null && (percentOff < 1 || percentOff > 100)) {
            throw new RuleViolation(PERCENT_OFF_OUT_OF_RANGE, "percentOff must be between 1 and 100");
        }
        if (command.amountOff() != null && command.amountOff().isZero()) {
            throw new RuleViolation(AMOUNT_OFF_ZERO, "amountOff must be more than zero");
        }
        if (command.maxUses() != null && command.maxUses() < 1) {
            throw new RuleViolation(MAX_USES_BELOW_ONE, "maxUses must be at least 1 (leave it out for no limit)");
        }
        if (command.validUntil() != null && !command.validUntil().isAfter(now)) {
            throw new RuleViolation(VALID_UNTIL_PASSED, "validUntil " + command.validUntil() + " has passed");
        }
        apply(new CouponCreatedEvent(command.code(), new Discount(percentOff, command.amountOff()),
                command.validUntil(), command.maxUses()));
    }

    /**
     * Coupon codes and the other aggregates' ids share one namespace in the event store. No other id contains '/'
     * (':' and '@' already build course and provider-day ids: "coupon:course" would be a course's seats).
     */
    public static String id(String code) {
        return "coupon/" + code;
    }

    /**
     * Gives a booking one use and answers the discount, or refuses: expired by {@code now}, every use held by other
     * bookings, or a fixed amount in another currency than the price. A booking that already holds a use keeps it: a use counts once per booking.
     */
    public Discount use(String bookingId, String currency, Instant now) {
        if (usedBy.contains(bookingId)) {
            return discount;
        }
        if (validUntil != null && now.isAfter(validUntil)) {
            throw new RuleViolation(COUPON_EXPIRED, "Coupon '" + code + "' expired at "
                    + validUntil);
        }
        if (maxUses != null && usedBy.size() >= maxUses) {
            throw new RuleViolation(COUPON_USED_UP, "Coupon '" + code + "' is used up: all "
                    + maxUses + " use(s) are taken");
        }
        if (!discount.appliesTo(currency)) {
            throw new RuleViolation(COUPON_CURRENCY, "Coupon '" + code + "' takes "
                    + discount.amountOff().amount() + " " + discount.amountOff().currency() + " off; this price is in "
                    + currency);
        }
        apply(new CouponUsedEvent(code, bookingId, usedBy.size() + 1));
        return discount;
    }

    /** A booking that no longer holds its place gives its use back. A booking without one changes nothing. */
    public void giveBack(String bookingId) {
        if (usedBy.contains(bookingId)) {
            apply(new CouponUseReturnedEvent(code, bookingId, usedBy.size() - 1));
        }
    }

    /** Bookings holding a use now. */
    public Set<String> usedBy() {
        return Set.copyOf(usedBy);
    }

    @EventSourcingHandler
    void on(CouponCreatedEvent event) {
        couponId = id(event.code());
        code = event.code();
        discount = event.discount();
        validUntil = event.validUntil();
        maxUses = event.maxUses();
    }

    @EventSourcingHandler
    void on(CouponUsedEvent event) {
        usedBy.add(event.bookingId());
    }

    @EventSourcingHandler
    void on(CouponUseReturnedEvent event) {
        usedBy.remove(event.bookingId());
    }
}

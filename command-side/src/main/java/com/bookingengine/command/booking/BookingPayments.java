package com.bookingengine.command.booking;

import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.payment.Discount;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.payment.Coupon;
import com.bookingengine.command.payment.MembershipPlan;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.time.Instant;

import static com.bookingengine.api.rules.Rule.*;

/**
 * What a booking pays with besides money: one use of a coupon, or credits of a membership plan. The coupon and the
 * plan are aggregates of their own, changed here in the booking's unit of work: taken when the booking is created,
 * given back when it stops holding its place, adjusted when its participants change. {@link BookingCommandHandler}
 * calls this after the seats, so the lock order stays booking, seats, promoted bookings, then coupon or plan.
 */
final class BookingPayments {

    private final Repository<Coupon> coupons;
    private final Repository<MembershipPlan> plans;

    BookingPayments(Repository<Coupon> coupons, Repository<MembershipPlan> plans) {
        this.coupons = coupons;
        this.plans = plans;
    }

    /**
     * A new booking's coupon records its use and the booking pays the discounted price; or its plan pays one credit
     * per participant. Answers the payment as the booking records it.
     */
    PaymentDetails redeem(CreateBookingCommand command, PaymentDetails payment, Instant now) {
        if (payment.planId() != null) {
            String contactId = command.contact() == null ? null : command.contact().contactId();
            plan(payment.planId()).execute(p -> p.consume(command.bookingId(), contactId, command.serviceId(),
                    command.participants()));
        } else if (payment.couponCode() != null) {
            Discount discount = coupon(payment.couponCode())
                    .invoke(c -> c.use(command.bookingId(), payment.price().currency(), now));
            return payment.discounted(discount);
        }
        return payment;
    }

    /** A booking paid with credits pays for its new participant count, or gets the difference back. */
    void changeParticipants(Booking booking, int participants) {
        if (booking.payment().planId() != null) {
            plan(booking.payment().planId()).execute(p -> p.changeCredits(booking.bookingId(), participants));
        }
    }

    /** A booking that no longer holds its place (canceled, declined) gives back its coupon's use or its credits. */
    void giveBack(Booking booking) {
        PaymentDetails payment = booking.payment();
        if (payment.planId() != null) {
            plan(payment.planId()).execute(p -> p.refund(booking.bookingId()));
        }
        if (payment.couponCode() != null) {
            coupon(payment.couponCode()).execute(c -> c.giveBack(booking.bookingId()));
        }
    }

    private Aggregate<Coupon> coupon(String code) {
        try {
            return coupons.load(Coupon.id(code));
        } catch (AggregateNotFoundException e) {
            throw new RuleViolation(UNKNOWN_COUPON, "Unknown coupon code '" + code
                    + "'");
        }
    }

    private Aggregate<MembershipPlan> plan(String planId) {
        try {
            return plans.load(MembershipPlan.id(planId));
        } catch (AggregateNotFoundException e) {
            throw new RuleViolation(UNKNOWN_PLAN, "Unknown membership plan "
                    + planId);
        }
    }
}

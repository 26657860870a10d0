package com.bookingengine.api.booking;

import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.payment.Discount;
import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Payment as recorded on a booking: the option chosen, the list price and what is charged. {@code discount} is
 * the coupon's (null without one), kept so that the final price follows a participants change the same way.
 */
public record PaymentDetails(PaymentOption option, String method, String couponCode, String planId,
                             Money price, Money finalPrice, Discount discount) {

    @JsonCreator
    public PaymentDetails {
    }

    /** Without a coupon: {@code finalPrice} is what is charged. */
    public PaymentDetails(PaymentOption option, String method, String couponCode, String planId, Money price,
                          Money finalPrice) {
        this(option, method, couponCode, planId, price, finalPrice, null);
    }

    /** The coupon's {@code discount} taken off the list price. */
    public PaymentDetails discounted(Discount discount) {
        return new PaymentDetails(option, method, couponCode, planId, price, discount.applyTo(price), discount);
    }

    /** A new list price (participants changed); the final price keeps the discount the booking was made with. */
    public PaymentDetails repriced(Money newPrice) {
        return withPrices(newPrice, discount == null ? newPrice : discount.applyTo(newPrice));
    }

    public PaymentDetails withPrices(Money newPrice, Money newFinalPrice) {
        return new PaymentDetails(option, method, couponCode, planId, newPrice, newFinalPrice, discount);
    }
}

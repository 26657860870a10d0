package com.bookingengine.api.payment;

import com.bookingengine.api.common.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a coupon takes off a booking's price: {@code percentOff} (1-100) or {@code amountOff}, exactly one of them.
 * A booking keeps the discount it was made with, so a later participants change prices the same way.
 */
public record Discount(Integer percentOff, Money amountOff) {

    /** Whether this discount can reduce a price in {@code currency} (a fixed amount only its own currency). */
    public boolean appliesTo(String currency) {
        return amountOff == null || amountOff.currency().equals(currency);
    }

    /**
     * The price after the discount, never below zero. A percentage is rounded half-up to the currency's scale
     * (10 % of 0.25 EUR is 0.03 off).
     */
    public Money applyTo(Money price) {
        if (!appliesTo(price.currency())) {
            throw new IllegalArgumentException("A discount of " + amountOff + " cannot reduce a price in "
                    + price.currency());
        }
        BigDecimal off = percentOff != null
                ? price.amount().multiply(BigDecimal.valueOf(percentOff))
                .divide(BigDecimal.valueOf(100), price.amount().scale(), RoundingMode.HALF_UP)
                : amountOff.amount();
        return new Money(price.amount().subtract(off).max(BigDecimal.ZERO), price.currency());
    }
}

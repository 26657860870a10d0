package com.bookingengine.api.common;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An amount in one currency, written as {@code {"amount": "25.00", "currency": "USD"}}.
 * The amount travels as a string so no JSON client rounds it through a double.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    public Money {
        if (amount == null || currency == null) {
            throw new IllegalArgumentException("amount and currency are both required");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        int digits;
        try {
            digits = Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR, got '" + currency + "'");
        }
        amount = amount.setScale(Math.max(digits, 0), RoundingMode.HALF_EVEN);
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    @JsonIgnore
    public boolean isZero() {
        return amount.signum() == 0;
    }

    public Money times(int factor) {
        return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
    }
}

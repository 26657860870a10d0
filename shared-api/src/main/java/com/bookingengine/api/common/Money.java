package com.bookingengine.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An amount in one currency, written as {@code {"amount": "25.00", "currency": "USD"}}. The one definition of what
 * an amount may be, for requests, commands and events alike:
 * <ul>
 *   <li>the amount travels as a plain decimal string (digits, optionally a point and decimals: no sign, exponent
 *   or spaces), so no JSON client rounds it through a double;</li>
 *   <li>it has at most the currency's minor-unit digits (ISO 4217: 2 for EUR, 0 for JPY, 3 for BHD) and is never
 *   rounded: {@code "0.001"} EUR is refused, not made free;</li>
 *   <li>0 &le; amount &le; {@link #MAX_AMOUNT}, so every amount written can be read back and computed with
 *   cheaply.</li>
 * </ul>
 * An amount with fewer decimals is widened to the currency's ({@code "20"} EUR reads as 20.00), which is how
 * stored events that hold {@code "20"} or {@code "20.00"} keep reading alike.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    /** The largest amount of any price, discount or total, in major units (one billion). */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

    /** Longest amount string read: ten integer digits, a point, and room for decimals to be refused by name. */
    static final int MAX_AMOUNT_LENGTH = 40;

    /** No scale beyond this is even looked at (stripping zeros off a huge scale costs time). */
    private static final int MAX_SCALE = MAX_AMOUNT_LENGTH;

    public Money {
        if (amount == null || currency == null) {
            throw new IllegalArgumentException("amount and currency are both required");
        }
        int digits = minorDigits(currency);
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        // compareTo looks at the exponents first: cheap even for 1E+10000000, unlike any scaling of it
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException("amount must be at most " + MAX_AMOUNT.toPlainString());
        }
        if (amount.scale() > digits
                && (amount.scale() > MAX_SCALE || amount.stripTrailingZeros().scale() > digits)) {
            throw new IllegalArgumentException("amount has more decimals than " + currency + " has ("
                    + digits + "); it is never rounded");
        }
        amount = amount.setScale(digits, RoundingMode.UNNECESSARY); // widening only: the checks above make it exact
    }

    /**
     * Reads an amount as sent (and as stored): a plain decimal string, checked as text before any number is made of
     * it, so an exponent such as {@code 1e10000000} costs nothing.
     */
    @JsonCreator
    public static Money of(@JsonProperty("amount") String amount, @JsonProperty("currency") String currency) {
        if (amount == null) {
            throw new IllegalArgumentException("amount and currency are both required");
        }
        if (amount.startsWith("-")) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        if (amount.length() > MAX_AMOUNT_LENGTH || !plainDecimal(amount)) {
            throw new IllegalArgumentException("amount must be a plain decimal string such as \"25.00\" (digits, "
                    + "optionally a point and decimals; no sign, exponent or spaces) of at most "
                    + MAX_AMOUNT_LENGTH + " characters");
        }
        return new Money(new BigDecimal(amount), currency);
    }

    /**
     * Digits, optionally a point and more digits ({@code [0-9]+(\.[0-9]+)?}), checked without a regular expression:
     * every price of every event a projection reads comes through here, and a {@code Matcher} per amount was a tenth
     * of what a query node allocated (docs/BENCHMARKS.md, "The query node's garbage").
     */
    private static boolean plainDecimal(String text) {
        int point = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' && point < 0 && i > 0) {
                point = i;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return !text.isEmpty() && point != text.length() - 1;
    }

    /** The currency's minor-unit digits; an ISO 4217 code without minor units (XAU, XXX) counts as 0. */
    private static int minorDigits(String currency) {
        try {
            return Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR, got '"
                    + PlainText.excerpt(currency) + "'");
        }
    }

    @JsonIgnore
    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** Whether {@link #times} of {@code factor} stays within {@link #MAX_AMOUNT}. */
    public boolean canMultiplyBy(int factor) {
        return factor >= 0 && amount.multiply(BigDecimal.valueOf(factor)).compareTo(MAX_AMOUNT) <= 0;
    }

    public Money times(int factor) {
        return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
    }
}

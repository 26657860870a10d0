package com.bookingengine.api.common;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Money is one strict definition: never rounded, never huge, never a number in disguise. */
class MoneyTest {

    @Test
    void anAmountIsWidenedToTheCurrencysDigitsButNeverRounded() {
        assertThat(Money.of("20", "EUR").amount()).isEqualTo(new BigDecimal("20.00"));
        assertThat(Money.of("20.5", "EUR").amount()).isEqualTo(new BigDecimal("20.50"));
        assertThat(Money.of("20.00", "EUR")).isEqualTo(Money.of("20", "EUR"));
        assertThat(Money.of("1050", "JPY").amount()).isEqualTo(new BigDecimal("1050"));
        assertThat(Money.of("1.234", "BHD").amount()).isEqualTo(new BigDecimal("1.234"));
        // trailing zeros beyond the currency's digits change nothing, so they are no rounding
        assertThat(Money.of("10.1200", "EUR").amount()).isEqualTo(new BigDecimal("10.12"));
        assertThat(Money.of("1050.0", "JPY").amount()).isEqualTo(new BigDecimal("1050"));
    }

    @Test
    void moreDecimalsThanTheCurrencyHasAreRefused() {
        assertRefused("0.001", "EUR", "decimals");
        assertRefused("10.12345678901234567890", "EUR", "decimals");
        assertRefused("1.5", "JPY", "decimals");
        assertRefused("1.2345", "BHD", "decimals");
        assertThatThrownBy(() -> new Money(new BigDecimal("1E-1000"), "EUR")).hasMessageContaining("decimals");
        assertThatThrownBy(() -> new Money(new BigDecimal("0.001"), "EUR")).hasMessageContaining("decimals");
    }

    @Test
    void theAmountIsBounded() {
        assertThat(Money.of("1000000000.00", "EUR").amount()).isEqualTo(new BigDecimal("1000000000.00"));
        assertThat(Money.of("0", "EUR").isZero()).isTrue();
        assertRefused("1000000000.01", "EUR", "at most");
        assertRefused("9999999999", "EUR", "at most");
        assertThatThrownBy(() -> new Money(new BigDecimal("1E+1000"), "EUR")).hasMessageContaining("at most");
        assertThatThrownBy(() -> new Money(new BigDecimal("-0.01"), "EUR")).hasMessageContaining("negative");
        assertRefused("-1.00", "EUR", "negative");
    }

    @Test
    void onlyAPlainDecimalStringIsAnAmount() {
        for (String notPlain : new String[]{"1e1000", "1E3", "1e-1000", "+1", " 1", "1 ", "1,00", ".5", "5.", "0x10",
                "NaN", "Infinity", "", "1_000", "١٢", ".", "1.2.3", "1..2", "1.-2", "1.2e3"}) {
            assertRefused(notPlain, "EUR", "plain decimal");
        }
        assertRefused("1".repeat(41), "EUR", "plain decimal");
        assertThatThrownBy(() -> Money.of(null, "EUR")).hasMessageContaining("required");
    }

    @Test
    void aHugeExponentIsRefusedAtOnce() {
        assertTimeoutPreemptively(Duration.ofMillis(500), () -> {
            assertRefused("1e10000000", "EUR", "plain decimal");
            assertThatThrownBy(() -> new Money(new BigDecimal("1e10000000"), "EUR")).hasMessageContaining("at most");
            assertThatThrownBy(() -> new Money(new BigDecimal("1e-10000000"), "EUR")).hasMessageContaining("decimals");
        });
    }

    @Test
    void theCurrencyIsAnIso4217Code() {
        assertRefused("20.00", "EURO", "ISO 4217");
        assertRefused("20.00", "eur", "ISO 4217");
        assertThatThrownBy(() -> Money.of("20.00", null)).hasMessageContaining("required");
    }

    @Test
    void aProductBeyondTheBoundIsToldApartBeforeItIsMade() {
        Money price = Money.of("1000000", "EUR");
        assertThat(price.canMultiplyBy(1000)).isTrue();
        assertThat(price.times(1000).amount()).isEqualTo(new BigDecimal("1000000000.00"));
        assertThat(price.canMultiplyBy(1001)).isFalse();
        assertThatThrownBy(() -> price.times(1001)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(String amount, String currency, String why) {
        assertThatThrownBy(() -> Money.of(amount, currency))
                .as("%s %s", amount, currency)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }
}

package com.bookingengine.api.payment;

import com.bookingengine.api.common.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiscountTest {

    @Test
    void aPercentageIsRoundedHalfUpToTheCurrencysScale() {
        assertThat(new Discount(10, null).applyTo(Money.of("20.05", "EUR"))).isEqualTo(Money.of("18.04", "EUR"));
        assertThat(new Discount(10, null).applyTo(Money.of("0.25", "EUR"))).isEqualTo(Money.of("0.22", "EUR"));
        assertThat(new Discount(5, null).applyTo(Money.of("1050", "JPY"))).isEqualTo(Money.of("997", "JPY"));
        assertThat(new Discount(100, null).applyTo(Money.of("19.99", "USD")).isZero()).isTrue();
    }

    @Test
    void aFixedAmountNeverTakesThePriceBelowZero() {
        Discount fiveEuros = new Discount(null, Money.of("5", "EUR"));
        assertThat(fiveEuros.applyTo(Money.of("40", "EUR"))).isEqualTo(Money.of("35.00", "EUR"));
        assertThat(fiveEuros.applyTo(Money.of("3", "EUR"))).isEqualTo(Money.of("0", "EUR"));
    }

    @Test
    void aFixedAmountOnlyReducesPricesInItsOwnCurrency() {
        Discount fiveEuros = new Discount(null, Money.of("5", "EUR"));
        assertThat(fiveEuros.appliesTo("EUR")).isTrue();
        assertThat(fiveEuros.appliesTo("USD")).isFalse();
        assertThat(new Discount(10, null).appliesTo("USD")).isTrue();
        assertThatThrownBy(() -> fiveEuros.applyTo(Money.of("40", "USD"))).isInstanceOf(IllegalArgumentException.class);
    }
}

package com.bookingengine.api.common;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarRangeTest {

    @Test
    void theYears2000To2200AreInRange() {
        assertThat(CalendarRange.problem(Instant.parse("2000-01-01T00:00:00Z"))).isEmpty();
        assertThat(CalendarRange.problem(Instant.parse("2200-12-31T23:59:59.999999999Z"))).isEmpty();
        assertThat(CalendarRange.LATEST).isEqualTo(Instant.parse("2200-12-31T23:59:59.999999999Z"));
        assertThat(CalendarRange.problem(LocalDate.of(2000, 1, 1))).isEmpty();
        assertThat(CalendarRange.problem(LocalDate.of(2200, 12, 31))).isEmpty();
        assertThat(CalendarRange.problem((Instant) null)).isEmpty();
    }

    @Test
    void yearZeroAndFarFutureAreOutOfRange() {
        assertThat(CalendarRange.problem(Instant.parse("1999-12-31T23:59:59.999999999Z"))).isPresent();
        assertThat(CalendarRange.problem(Instant.parse("2201-01-01T00:00:00Z"))).isPresent();
        assertThat(CalendarRange.problem(Instant.parse("0000-01-01T00:00:00Z"))).isPresent();
        assertThat(CalendarRange.problem(Instant.parse("+99999-01-01T00:00:00Z"))).isPresent();
        assertThat(CalendarRange.problem(LocalDate.of(0, 1, 1))).isPresent();
        assertThat(CalendarRange.problem(LocalDate.of(99999, 1, 1))).isPresent();
        assertThatThrownBy(() -> CalendarRange.check("start", Instant.EPOCH))
                .hasMessage("start must lie in the years 2000 to 2200 (UTC)");
    }
}

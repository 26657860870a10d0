package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.TimeRange;
import com.bookingengine.api.rules.Rule;
import com.bookingengine.api.rules.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules both sides judge a booking by: one definition, so a refusal and an availability answer agree. */
class SharedBookingRulesTest {

    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");
    private static final BookingPolicy POLICY = new BookingPolicy(60, 30, 0, 4, 0, 15, 15);

    @Test
    void appointmentsCollideWhenTheTimeTheyHoldBufferIncludedOverlaps() {
        TimeRange held = POLICY.heldTime(NINE, NINE.plusSeconds(1800)); // 09:00-09:30, held to 09:45
        assertThat(held).isEqualTo(new TimeRange(NINE, NINE.plusSeconds(2700)));
        assertThat(held.overlaps(POLICY.heldTime(NINE.plusSeconds(2640), NINE.plusSeconds(4440)))).isTrue();
        // half-open: a booking starting as the buffer ends is free, either way round
        TimeRange next = POLICY.heldTime(NINE.plusSeconds(2700), NINE.plusSeconds(4500));
        assertThat(held.overlaps(next)).isFalse();
        assertThat(next.overlaps(held)).isFalse();
    }

    @Test
    void participantsAreOneToThePolicysMaximum() {
        assertThat(POLICY.allowsParticipants(1)).isTrue();
        assertThat(POLICY.allowsParticipants(4)).isTrue();
        assertThat(POLICY.allowsParticipants(0)).isFalse();
        assertThat(POLICY.allowsParticipants(5)).isFalse();
        assertViolates(() -> POLICY.checkParticipants(0), Rule.PARTICIPANTS_OUT_OF_RANGE);
        assertViolates(() -> POLICY.checkParticipants(5), Rule.PARTICIPANTS_OUT_OF_RANGE);
        assertThatCode(() -> POLICY.checkParticipants(4)).doesNotThrowAnyException();
    }

    @Test
    void timingIsRefusedByTheSameTestsAvailabilityFlagsSlotsWith() {
        assertViolates(() -> POLICY.checkTiming(NINE, NINE.minusSeconds(3599), "slot"), Rule.TOO_LATE_TO_BOOK);
        assertViolates(() -> POLICY.checkTiming(NINE, NINE.minusSeconds(31 * 86400), "slot"), Rule.TOO_EARLY_TO_BOOK);
        assertThatCode(() -> POLICY.checkTiming(NINE, NINE.minusSeconds(3601), "slot")).doesNotThrowAnyException();
    }

    @Test
    void eachTypeNamesItsPlaceInOneShape() {
        assertViolates(() -> PlaceShape.check(ServiceType.CLASS, " ", null, null), Rule.SESSION_REQUIRED);
        assertViolates(() -> PlaceShape.check(ServiceType.CLASS, "s-1", NINE, null), Rule.TIMES_ONLY_FOR_APPOINTMENTS);
        assertViolates(() -> PlaceShape.check(ServiceType.COURSE, null, null, NINE), Rule.COURSE_TAKES_NO_TIMES);
        assertViolates(() -> PlaceShape.check(ServiceType.APPOINTMENT, "s-1", NINE, NINE),
                Rule.APPOINTMENT_TAKES_NO_SESSION);
        assertViolates(() -> PlaceShape.check(ServiceType.APPOINTMENT, null, null, NINE),
                Rule.APPOINTMENT_START_REQUIRED);
        assertViolates(() -> PlaceShape.check(ServiceType.APPOINTMENT, null, NINE, null), Rule.APPOINTMENT_END_REQUIRED);
        assertThatCode(() -> PlaceShape.check(ServiceType.COURSE, null, null, null)).doesNotThrowAnyException();
    }

    private static void assertViolates(Runnable action, Rule rule) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RuleViolation.class,
                e -> assertThat(e.rule()).isEqualTo(rule));
    }
}

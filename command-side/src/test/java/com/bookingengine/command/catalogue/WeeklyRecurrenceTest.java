package com.bookingengine.command.catalogue;

import com.bookingengine.api.rules.Rule;
import com.bookingengine.api.rules.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static com.bookingengine.api.rules.Rule.*;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local weekly times placed on the time line, across daylight-saving changes in two zones. */
class WeeklyRecurrenceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static WeeklyRecurrence sundays(String start, String end, String from, String until) {
        return weekly(Set.of(SUNDAY), start, end, from, until);
    }

    private static WeeklyRecurrence weekly(Set<DayOfWeek> days, String start, String end, String from, String until) {
        return new WeeklyRecurrence(days, LocalTime.parse(start), LocalTime.parse(end), LocalDate.parse(from),
                LocalDate.parse(until));
    }

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private static List<Instant> starts(List<WeeklyRecurrence.Occurrence> occurrences) {
        return occurrences.stream().map(WeeklyRecurrence.Occurrence::start).toList();
    }

    @Test
    void aStartTimeInTheSpringForwardGapIsSkippedInBerlin() {
        // given Sundays at 02:30 around 28 March 2027, when Berlin's clocks jump from 02:00 to 03:00
        WeeklyRecurrence recurrence = sundays("02:30", "03:30", "2027-03-21", "2027-04-04");

        // when
        List<WeeklyRecurrence.Occurrence> occurrences = recurrence.occurrencesIn(BERLIN);

        // then the night without 02:30 has no session; the others are at 02:30 local before and after the change
        assertThat(starts(occurrences)).containsExactly(at("2027-03-21T02:30+01:00"), at("2027-04-04T02:30+02:00"));
        assertThat(occurrences.get(1).end()).isEqualTo(at("2027-04-04T03:30+02:00"));
    }

    @Test
    void aStartTimeInTheSpringForwardGapIsSkippedInNewYork() {
        // given Sundays at 02:30 around 14 March 2027, when New York's clocks jump from 02:00 to 03:00
        WeeklyRecurrence recurrence = sundays("02:30", "03:00", "2027-03-07", "2027-03-21");

        // then
        assertThat(starts(recurrence.occurrencesIn(NEW_YORK)))
                .containsExactly(at("2027-03-07T02:30-05:00"), at("2027-03-21T02:30-04:00"));
    }

    @Test
    void anAmbiguousStartTimeOnTheFallBackNightIsTakenOnceAtTheEarlierOffsetInNewYork() {
        // given Sundays at 01:30 around 1 November 2026, when New York's clocks fall back from 02:00 to 01:00
        WeeklyRecurrence recurrence = sundays("01:30", "02:30", "2026-10-25", "2026-11-08");

        // when
        List<WeeklyRecurrence.Occurrence> occurrences = recurrence.occurrencesIn(NEW_YORK);

        // then 01:30 on the fall-back night is one session, at daylight time (-04:00)
        assertThat(starts(occurrences)).containsExactly(at("2026-10-25T01:30-04:00"), at("2026-11-01T01:30-04:00"),
                at("2026-11-08T01:30-05:00"));
        WeeklyRecurrence.Occurrence fallBack = occurrences.get(1);
        assertThat(fallBack.start().atZone(NEW_YORK).getOffset().toString()).isEqualTo("-04:00");
        assertThat(fallBack.sessionId("salsa")).isEqualTo("salsa-20261101-0130");
        // and it ends at 02:30 local, which comes after the repeated hour: two hours later
        assertThat(fallBack.end()).isEqualTo(at("2026-11-01T02:30-05:00"));
        assertThat(Duration.between(fallBack.start(), fallBack.end())).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void anAmbiguousStartTimeOnTheFallBackNightIsTakenOnceAtTheEarlierOffsetInBerlin() {
        // given Sundays at 02:30 around 25 October 2026, when Berlin's clocks fall back from 03:00 to 02:00
        WeeklyRecurrence recurrence = sundays("02:30", "03:30", "2026-10-18", "2026-11-01");

        // when
        List<WeeklyRecurrence.Occurrence> occurrences = recurrence.occurrencesIn(BERLIN);

        // then
        assertThat(starts(occurrences)).containsExactly(at("2026-10-18T02:30+02:00"), at("2026-10-25T02:30+02:00"),
                at("2026-11-01T02:30+01:00"));
        assertThat(occurrences.get(1).end()).isEqualTo(at("2026-10-25T03:30+01:00"));
    }

    @Test
    void anEveningClassKeepsItsLocalTimeAcrossTheChange() {
        // given Tuesdays 18:00-19:00 in Berlin over the October change
        WeeklyRecurrence recurrence = weekly(Set.of(TUESDAY), "18:00", "19:00", "2026-10-20", "2026-11-03");

        // when
        List<WeeklyRecurrence.Occurrence> occurrences = recurrence.occurrencesIn(BERLIN);

        // then 18:00 local each week, one hour long, whatever the offset
        assertThat(starts(occurrences)).containsExactly(Instant.parse("2026-10-20T16:00:00Z"),
                Instant.parse("2026-10-27T17:00:00Z"), Instant.parse("2026-11-03T17:00:00Z"));
        assertThat(occurrences).allSatisfy(o ->
                assertThat(Duration.between(o.start(), o.end())).isEqualTo(Duration.ofHours(1)));
        assertThat(occurrences.get(0).sessionId("yoga")).isEqualTo("yoga-20261020-1800");
    }

    @Test
    void fromAndUntilAreBothIncludedAndOnlyListedDaysCount() {
        // given Tuesdays and Sundays from a Tuesday to a Sunday
        WeeklyRecurrence recurrence = weekly(Set.of(TUESDAY, SUNDAY), "09:00", "10:00", "2026-12-01", "2026-12-13");

        // then
        assertThat(recurrence.occurrencesIn(ZoneId.of("UTC"))).extracting(o -> o.localStart().toLocalDate())
                .containsExactly(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-06"),
                        LocalDate.parse("2026-12-08"), LocalDate.parse("2026-12-13"));
    }

    @Test
    void invalidRecurrencesAreRejectedNamingTheField() {
        assertRejected(() -> weekly(Set.of(), "18:00", "19:00", "2026-12-01", "2027-03-01"), RECURRENCE_DAYS_REQUIRED);
        assertRejected(() -> weekly(Set.of(TUESDAY), "18:00", "18:00", "2026-12-01", "2027-03-01"),
                RECURRENCE_ENDS_BEFORE_START);
        assertRejected(() -> weekly(Set.of(TUESDAY), "18:00", "17:00", "2026-12-01", "2027-03-01"),
                RECURRENCE_ENDS_BEFORE_START);
        assertRejected(() -> weekly(Set.of(TUESDAY), "18:00", "19:00", "2026-12-01", "2026-11-30"),
                RECURRENCE_UNTIL_BEFORE_FROM);
    }

    @Test
    void atMostOneThousandSessions() {
        // every day for 1000 days is allowed; one more day is not
        String last = LocalDate.parse("2027-01-01").plusDays(999).toString();
        String oneMore = LocalDate.parse("2027-01-01").plusDays(1000).toString();
        assertThat(weekly(Set.of(DayOfWeek.values()), "07:00", "08:00", "2027-01-01", last)
                .occurrencesIn(BERLIN)).hasSize(1000);
        assertRejected(() -> weekly(Set.of(DayOfWeek.values()), "07:00", "08:00", "2027-01-01", oneMore)
                .occurrencesIn(BERLIN), RECURRENCE_TOO_MANY_SESSIONS);
        // and a range of centuries is refused without walking it
        assertRejected(() -> weekly(Set.of(TUESDAY), "07:00", "08:00", "2027-01-01", "9999-12-31")
                .occurrencesIn(BERLIN), RECURRENCE_TOO_MANY_SESSIONS);
    }

    @Test
    void aRecurrenceWithoutAnySessionIsRejected() {
        // a Monday alone has no Tuesday
        assertRejected(() -> weekly(Set.of(TUESDAY), "18:00", "19:00", "2026-11-30", "2026-11-30")
                .occurrencesIn(BERLIN), RECURRENCE_GIVES_NO_SESSION);
        // the spring-forward night alone has no 02:30
        assertRejected(() -> sundays("02:30", "03:30", "2027-03-28", "2027-03-28").occurrencesIn(BERLIN),
                RECURRENCE_GIVES_NO_SESSION);
    }

    private static void assertRejected(Runnable action, Rule rule) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RuleViolation.class,
                e -> assertThat(e.rule()).isEqualTo(rule));
    }
}

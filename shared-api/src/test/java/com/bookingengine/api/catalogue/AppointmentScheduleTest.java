package com.bookingengine.api.catalogue;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;

/** Appointment slots from working hours, across daylight-saving changes in two zones. */
class AppointmentScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static AppointmentSchedule hours(DayOfWeek day, String start, String end, int slotMinutes) {
        return new AppointmentSchedule(List.of(new WorkingHours(day, LocalTime.parse(start), LocalTime.parse(end))),
                slotMinutes);
    }

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private static List<Instant> starts(List<AppointmentSchedule.TimeSlot> slots) {
        return slots.stream().map(AppointmentSchedule.TimeSlot::start).toList();
    }

    @Test
    void slotsFillTheWorkingHoursAndNoneRunsPastTheirEnd() {
        // given Mondays 09:00-10:45 in 30-minute slots
        AppointmentSchedule schedule = hours(MONDAY, "09:00", "10:45", 30);

        // when
        List<AppointmentSchedule.TimeSlot> slots = schedule.slotsOn(LocalDate.parse("2027-01-04"), BERLIN);

        // then 09:00, 09:30 and 10:00 (10:30-11:00 would end after 10:45), each 30 minutes, at Berlin's winter offset
        assertThat(starts(slots)).containsExactly(at("2027-01-04T09:00+01:00"), at("2027-01-04T09:30+01:00"),
                at("2027-01-04T10:00+01:00"));
        assertThat(slots).allSatisfy(s -> assertThat(Duration.between(s.start(), s.end())).hasMinutes(30));
        // and a Tuesday has none
        assertThat(schedule.slotsOn(LocalDate.parse("2027-01-05"), BERLIN)).isEmpty();
    }

    @Test
    void springForwardSkipsTheLocalTimesThatDoNotExistInBerlin() {
        // given Sundays 01:00-04:00 on 28 March 2027, when Berlin's clocks jump from 02:00 to 03:00
        AppointmentSchedule schedule = hours(SUNDAY, "01:00", "04:00", 30);

        // when
        List<AppointmentSchedule.TimeSlot> slots = schedule.slotsOn(LocalDate.parse("2027-03-28"), BERLIN);

        // then 02:00 and 02:30 are skipped; the slot before the jump still lasts 30 real minutes
        assertThat(starts(slots)).containsExactly(at("2027-03-28T01:00+01:00"), at("2027-03-28T01:30+01:00"),
                at("2027-03-28T03:00+02:00"), at("2027-03-28T03:30+02:00"));
        assertThat(slots.get(1).end()).isEqualTo(at("2027-03-28T03:00+02:00"));
    }

    @Test
    void springForwardSkipsTheLocalTimesThatDoNotExistInNewYork() {
        // given Sundays 01:00-04:00 on 14 March 2027, when New York's clocks jump from 02:00 to 03:00
        AppointmentSchedule schedule = hours(SUNDAY, "01:00", "04:00", 60);

        // when
        List<AppointmentSchedule.TimeSlot> slots = schedule.slotsOn(LocalDate.parse("2027-03-14"), NEW_YORK);

        // then 02:00 is skipped
        assertThat(starts(slots)).containsExactly(at("2027-03-14T01:00-05:00"), at("2027-03-14T03:00-04:00"));
    }

    @Test
    void fallBackTakesTheRepeatedLocalTimesOnceAtTheEarlierOffsetInBerlin() {
        // given Sundays 01:00-04:00 on 31 October 2027, when Berlin's clocks fall back from 03:00 to 02:00
        AppointmentSchedule schedule = hours(SUNDAY, "01:00", "04:00", 30);

        // when
        List<AppointmentSchedule.TimeSlot> slots = schedule.slotsOn(LocalDate.parse("2027-10-31"), BERLIN);

        // then each local start appears once; 02:00 and 02:30 at summer time (+02:00), the first time they occur
        assertThat(starts(slots)).containsExactly(at("2027-10-31T01:00+02:00"), at("2027-10-31T01:30+02:00"),
                at("2027-10-31T02:00+02:00"), at("2027-10-31T02:30+02:00"), at("2027-10-31T03:00+01:00"),
                at("2027-10-31T03:30+01:00"));
        assertThat(starts(slots)).doesNotHaveDuplicates();
    }

    @Test
    void fallBackTakesTheRepeatedLocalTimesOnceAtTheEarlierOffsetInNewYork() {
        // given Sundays 00:30-03:00 on 7 November 2027, when New York's clocks fall back from 02:00 to 01:00
        AppointmentSchedule schedule = hours(SUNDAY, "00:30", "03:00", 30);

        // when
        List<AppointmentSchedule.TimeSlot> slots = schedule.slotsOn(LocalDate.parse("2027-11-07"), NEW_YORK);

        // then 01:00 and 01:30 appear once, at daylight time (-04:00)
        assertThat(starts(slots)).containsExactly(at("2027-11-07T00:30-04:00"), at("2027-11-07T01:00-04:00"),
                at("2027-11-07T01:30-04:00"), at("2027-11-07T02:00-05:00"), at("2027-11-07T02:30-05:00"));
    }

    @Test
    void slotAtFindsOnlyStartsOnTheGrid() {
        AppointmentSchedule schedule = hours(MONDAY, "09:00", "12:00", 45);
        assertThat(schedule.slotAt(at("2027-01-04T09:45+01:00"), BERLIN))
                .contains(new AppointmentSchedule.TimeSlot(at("2027-01-04T09:45+01:00"), at("2027-01-04T10:30+01:00")));
        assertThat(schedule.slotAt(at("2027-01-04T09:30+01:00"), BERLIN)).isEmpty(); // between grid lines
        assertThat(schedule.slotAt(at("2027-01-04T11:30+01:00"), BERLIN)).isEmpty(); // would end after 12:00
        assertThat(schedule.slotAt(at("2027-01-04T08:15+01:00"), BERLIN)).isEmpty(); // before the hours
        // the same instant is 09:45 in Berlin but 03:45 in New York: not on that grid
        assertThat(schedule.slotAt(at("2027-01-04T09:45+01:00"), NEW_YORK)).isEmpty();
    }

    @Test
    void slotsStartingInAWindowCrossLocalDates() {
        AppointmentSchedule schedule = new AppointmentSchedule(List.of(
                new WorkingHours(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)),
                new WorkingHours(MONDAY, LocalTime.of(22, 45), LocalTime.of(23, 59))), 30);
        // from Monday 23:15 to Tuesday 09:30 Berlin time: Monday 23:15 (22:45 is before the window, 23:45 would end
        // after 23:59) and Tuesday 09:00 (09:30 is the window's exclusive end)
        assertThat(starts(schedule.slotsStartingIn(at("2027-01-04T23:15+01:00"), at("2027-01-05T09:30+01:00"), BERLIN)))
                .containsExactly(at("2027-01-04T23:15+01:00"), at("2027-01-05T09:00+01:00"));
    }

    @Test
    void problemsNameWhatIsWrong() {
        assertThat(hours(MONDAY, "09:00", "17:00", 30).problem()).isEmpty();
        assertThat(hours(MONDAY, "09:00", "17:00", 0).problem()).get().asString().startsWith("slotMinutes");
        assertThat(hours(MONDAY, "17:00", "09:00", 30).problem()).get().asString().contains("must end after");
        assertThat(hours(MONDAY, "09:00", "09:20", 30).problem()).get().asString().contains("shorter than one slot");
        assertThat(new AppointmentSchedule(List.of(), 30).problem()).get().asString().contains("at least one");
        assertThat(new AppointmentSchedule(List.of(
                new WorkingHours(MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
                new WorkingHours(MONDAY, LocalTime.of(11, 0), LocalTime.of(14, 0))), 30).problem())
                .get().asString().contains("overlaps");
    }
}

package com.bookingengine.api.catalogue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When an appointment service can be booked: weekly working hours in the service's local time and a slot length.
 * Slots start at each working-hours start and every {@code slotMinutes} after it, as long as the whole slot ends
 * within the working hours (in local wall-clock time). Pure: both sides compute slots with it, the command side to
 * check a booking is on the grid, the query side to list availability, so they cannot disagree.
 * <p>
 * Daylight saving: a slot whose local start does not exist that day (the clock jumps over it) is skipped; a
 * local start that exists twice (the clock falls back over it) gives one slot, at the earlier offset. A slot lasts
 * {@code slotMinutes} of real time whatever the clock does meanwhile.
 */
public record AppointmentSchedule(List<WorkingHours> workingHours, int slotMinutes, List<Provider> providers) {

    /** One slot on the time line. */
    public record TimeSlot(Instant start, Instant end) {
    }

    public AppointmentSchedule {
        workingHours = workingHours == null ? List.of()
                : workingHours.stream().anyMatch(h -> h == null || h.day() == null || h.start() == null)
                ? java.util.Collections.unmodifiableList(new ArrayList<>(workingHours)) // left as given: problem() names what is missing
                : workingHours.stream()
                .sorted(Comparator.comparing(WorkingHours::day).thenComparing(WorkingHours::start))
                .toList();
        // null in a schedule stored before providers existed: one implicit provider, as it meant then
        providers = providers == null ? List.of() : List.copyOf(providers);
    }

    /** A schedule with one implicit provider (the shape before providers existed). */
    public AppointmentSchedule(List<WorkingHours> workingHours, int slotMinutes) {
        this(workingHours, slotMinutes, List.of());
    }

    /** Every provider, retired ones included, in the service's order; one implicit provider when none is listed. */
    public List<Provider> staff() {
        return providers.isEmpty() ? List.of(Provider.IMPLICIT) : providers;
    }

    /** The providers that take new bookings, in the service's order. */
    public List<Provider> activeStaff() {
        return staff().stream().filter(p -> !p.retired()).toList();
    }

    /** The provider named {@code providerId} (null: the implicit one), retired or not. */
    public Optional<Provider> provider(String providerId) {
        return staff().stream().filter(p -> java.util.Objects.equals(p.providerId(), providerId)).findFirst();
    }

    /** {@code provider}'s own grid: its working hours, or the service's when it has none, at the service's slot length. */
    public AppointmentSchedule of(Provider provider) {
        return new AppointmentSchedule(provider.workingHours() == null ? workingHours : provider.workingHours(),
                slotMinutes, List.of());
    }

    /**
     * The active providers whose grid has the slot [{@code start}, {@code end}), in the service's order: who could
     * serve a booking of it. Both sides ask this, the command side to place a booking and availability to count
     * {@code totalSpots}.
     */
    public List<Provider> providersWithSlot(Instant start, Instant end, ZoneId zone) {
        return activeStaff().stream()
                .filter(p -> of(p).slotAt(start, zone).filter(slot -> slot.end().equals(end)).isPresent())
                .toList();
    }

    public Duration slotLength() {
        return Duration.ofMinutes(slotMinutes);
    }

    /** The slots of one local date, in start order. */
    public List<TimeSlot> slotsOn(LocalDate date, ZoneId zone) {
        List<TimeSlot> slots = new ArrayList<>();
        for (WorkingHours hours : workingHours) {
            if (hours.day() != date.getDayOfWeek()) {
                continue;
            }
            LocalDateTime closing = date.atTime(hours.end());
            for (LocalDateTime local = date.atTime(hours.start());
                 !local.plusMinutes(slotMinutes).isAfter(closing) && local.toLocalDate().equals(date);
                 local = local.plusMinutes(slotMinutes)) {
                if (zone.getRules().getValidOffsets(local).isEmpty()) {
                    continue; // spring forward: this local time does not exist today
                }
                // ZonedDateTime.of takes the earlier offset when the local time exists twice.
                Instant start = ZonedDateTime.of(local, zone).toInstant();
                slots.add(new TimeSlot(start, start.plus(slotLength())));
            }
        }
        return slots;
    }

    /** The slots starting in [from, to), in start order. */
    public List<TimeSlot> slotsStartingIn(Instant from, Instant to, ZoneId zone) {
        List<TimeSlot> slots = new ArrayList<>();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            for (TimeSlot slot : slotsOn(date, zone)) {
                if (!slot.start().isBefore(from) && slot.start().isBefore(to)) {
                    slots.add(slot);
                }
            }
        }
        return slots;
    }

    /** The slot that starts at {@code start}, if the grid has one. */
    public Optional<TimeSlot> slotAt(Instant start, ZoneId zone) {
        return slotsOn(start.atZone(zone).toLocalDate(), zone).stream()
                .filter(slot -> slot.start().equals(start))
                .findFirst();
    }

    /** The working hours of one day of the week, for messages: {@code 09:00-12:00, 14:00-17:00}, or {@code none}. */
    public String hoursOn(java.time.DayOfWeek day) {
        String hours = workingHours.stream().filter(h -> h.day() == day)
                .map(h -> h.start() + "-" + h.end()).collect(java.util.stream.Collectors.joining(", "));
        return hours.isEmpty() ? "none" : hours;
    }

    /** Why these working hours cannot be a schedule (a problem naming the entry), or empty when they can. */
    public Optional<String> problem() {
        if (slotMinutes < 5 || slotMinutes > 24 * 60) {
            return Optional.of("slotMinutes must be between 5 and 1440");
        }
        if (workingHours.isEmpty()) {
            return Optional.of("An appointment service needs at least one entry of working hours");
        }
        WorkingHours previous = null;
        for (WorkingHours hours : workingHours) {
            if (hours == null || hours.day() == null || hours.start() == null || hours.end() == null) {
                return Optional.of("Each entry of working hours needs a day, a start and an end");
            }
            if (!hours.end().isAfter(hours.start())) {
                return Optional.of(hours.day() + " " + hours.start() + "-" + hours.end() + " must end after it starts");
            }
            if (Duration.between(hours.start(), hours.end()).toMinutes() < slotMinutes) {
                return Optional.of(hours.day() + " " + hours.start() + "-" + hours.end() + " is shorter than one slot of "
                        + slotMinutes + " minutes");
            }
            if (previous != null && previous.day() == hours.day() && hours.start().isBefore(previous.end())) {
                return Optional.of(hours.day() + " " + hours.start() + "-" + hours.end() + " overlaps "
                        + previous.start() + "-" + previous.end());
            }
            previous = hours;
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Provider provider : providers) {
            if (provider == null || provider.providerId() == null || provider.providerId().isBlank()
                    || !ids.add(provider.providerId())) {
                return Optional.of("providers: each provider needs a distinct, non-blank providerId");
            }
            if (provider.workingHours() != null) {
                Optional<String> own = of(provider).problem();
                if (own.isPresent()) {
                    return Optional.of("providers: " + provider.providerId() + ": " + own.get());
                }
            }
        }
        return Optional.empty();
    }
}

package com.bookingengine.standalone.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The appointment half of {@link AvailabilityBenchmark}: one provider open around the clock in 15-minute slots with
 * a 15-minute buffer, 10,000 appointments on every other slot (about 213 days), and 30 days of availability from the
 * middle of them. Each answer's slots are computed from the working hours and checked against the held time.
 */
final class AppointmentBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final int SLOT_MINUTES = 15;
    private static final int BOOKINGS = 10_000;
    private static final int DAYS = 30;

    private AppointmentBenchmark() {
    }

    static void run(String base, Path report) throws Exception {
        List<Map<String, Object>> hours = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.add(Map.of("day", day.name(), "start", "00:00", "end", "23:59"));
        }
        AvailabilityBenchmark.post(base + "/services", "dev-owner", Map.of("serviceId", "bench-appointments",
                "name", "Benchmark appointments", "type", "APPOINTMENT", "timeZone", ZONE.getId(),
                "price", Map.of("amount", "10.00", "currency", "EUR"), "paymentOptions", List.of("IN_PERSON"),
                "workingHours", hours, "slotMinutes", SLOT_MINUTES,
                "policy", Map.of("maxAdvanceDays", 400, "bufferMinutes", SLOT_MINUTES)));
        LocalDate first = LocalDate.now(ZONE).plusDays(2);
        String grid = base + "/availability?serviceId=bench-appointments";
        List<Map<String, Object>> bodies = new ArrayList<>();
        int days = 0;
        for (LocalDate date = first; bodies.size() < BOOKINGS; date = date.plusDays(1), days++) {
            JsonNode slots = AvailabilityBenchmark.get(grid + "&from=" + date.atStartOfDay(ZONE).toInstant()
                    + "&to=" + date.plusDays(1).atStartOfDay(ZONE).toInstant()).path("slots");
            for (int i = 0; i < slots.size() && bodies.size() < BOOKINGS; i += 2) {
                bodies.add(Map.of("serviceId", "bench-appointments", "start", slots.get(i).path("start").asText(),
                        "end", slots.get(i).path("end").asText()));
            }
        }
        long seedStart = System.nanoTime();
        AvailabilityBenchmark.book(base, bodies);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

        Instant from = first.plusDays(90).atStartOfDay(ZONE).toInstant();
        String month = grid + "&from=" + from + "&to=" + from.plus(DAYS, ChronoUnit.DAYS);
        String day = grid + "&from=" + from + "&to=" + from.plus(1, ChronoUnit.DAYS);
        JsonNode answer = AvailabilityBenchmark.get(month).path("slots");
        int taken = 0;
        for (JsonNode slot : answer) {
            taken += slot.path("openSpots").asInt() == 0 ? 1 : 0;
        }
        // every other slot is booked and its buffer covers the one after it: nothing in the month is free
        if (answer.size() < DAYS * 90 || taken != answer.size()) {
            throw new IllegalStateException("seeding went wrong: " + answer.size() + " slots, " + taken + " taken");
        }
        double[] monthMs = AvailabilityBenchmark.time(month);
        double[] dayMs = AvailabilityBenchmark.time(day);
        int daySlots = AvailabilityBenchmark.get(day).path("slots").size();
        String figures = String.format("""
                ## Availability: 30 days of an appointment service with 10,000 bookings

                %s

                An APPOINTMENT service in %s open every day 00:00-23:59 in %d-minute slots with a %d-minute buffer;
                %,d appointments on every other slot (%d days) made through `POST /bookings` (4 concurrent clients,
                %.1f s including read-your-writes waits). Then `GET /availability` for a window starting 90 days in,
                over real HTTP from one client: %d warm-up requests, %d timed, per window.

                | window | slots | median | p90 | p99 | max |
                | --- | --- | --- | --- | --- | --- |
                | 30 days | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |
                | 1 day | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms |

                Ratio of medians, 30 days / 1 day: %.1f×. Each answer computes the window's slots from the working
                hours (in the zone, DST-aware) and sweeps them against the held-time rows of the availability
                projection read with one indexed range query; no event is replayed.
                """, AvailabilityBenchmark.machine(), ZONE, SLOT_MINUTES, SLOT_MINUTES, BOOKINGS,
                days, seedSeconds, AvailabilityBenchmark.WARMUP, AvailabilityBenchmark.SAMPLES,
                answer.size(), AvailabilityBenchmark.pct(monthMs, 0.5), AvailabilityBenchmark.pct(monthMs, 0.9),
                AvailabilityBenchmark.pct(monthMs, 0.99), monthMs[monthMs.length - 1], daySlots,
                AvailabilityBenchmark.pct(dayMs, 0.5), AvailabilityBenchmark.pct(dayMs, 0.9),
                AvailabilityBenchmark.pct(dayMs, 0.99), dayMs[dayMs.length - 1],
                AvailabilityBenchmark.pct(monthMs, 0.5) / AvailabilityBenchmark.pct(dayMs, 0.5));
        System.out.println(figures);
        AvailabilityBenchmark.write(report, "appointment-benchmark", figures);
    }
}

package com.bookingengine.api.catalogue;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** One stretch of an appointment provider's week, in the service's local time: {@code MONDAY 09:00-17:00}. */
public record WorkingHours(DayOfWeek day, LocalTime start, LocalTime end) {
}

package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The first event of a provider's day: the aggregate that owns one local date of an appointment service's time.
 * Opened by the first booking that needs time on that date.
 */
@Revision("1")
public record ProviderDayOpenedEvent(String dayId, String serviceId, LocalDate date, String timeZone) {
}

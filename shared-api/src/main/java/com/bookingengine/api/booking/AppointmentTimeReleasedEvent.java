package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A provider's day took back the time [{@code from}, {@code to}) a booking held. */
@Revision("1")
public record AppointmentTimeReleasedEvent(String dayId, String serviceId, String bookingId, Instant from,
                                           Instant to) {
}

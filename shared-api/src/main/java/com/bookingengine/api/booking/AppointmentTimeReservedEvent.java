package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A provider's day gave [{@code from}, {@code to}) of its time to a booking: the appointment and the buffer kept
 * free after it, cut at local midnight (an appointment whose buffer runs into the next day reserves a piece of
 * each day). Emitted by the provider day's aggregate.
 */
@Revision("2")
public record AppointmentTimeReservedEvent(String dayId, String serviceId, String bookingId, Instant from,
                                           Instant to, String providerId) {

    /** Time of the implicit provider (revision 1 events read so: providerId null). */
    public AppointmentTimeReservedEvent(String dayId, String serviceId, String bookingId, Instant from, Instant to) {
        this(dayId, serviceId, bookingId, from, to, null);
    }
}

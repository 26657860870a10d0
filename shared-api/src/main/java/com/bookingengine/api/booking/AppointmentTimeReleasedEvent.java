package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A provider's day took back the time [{@code from}, {@code to}) a booking held. Revision 2 names the
 * {@code providerId} (null: the implicit provider, all there was in revision 1).
 */
@Revision("2")
public record AppointmentTimeReleasedEvent(String dayId, String serviceId, String bookingId, Instant from,
                                           Instant to, String providerId) {

    /** Time of the implicit provider (revision 1 events read so: providerId null). */
    public AppointmentTimeReleasedEvent(String dayId, String serviceId, String bookingId, Instant from, Instant to) {
        this(dayId, serviceId, bookingId, from, to, null);
    }
}

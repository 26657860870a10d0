package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The first event of a provider's day: the aggregate that owns one local date of an appointment service's time.
 * Opened by the first booking that needs time on that date. Revision 2 names the {@code providerId}: null is the
 * implicit provider of a service that lists none (all there was in revision 1).
 */
@Revision("2")
public record ProviderDayOpenedEvent(String dayId, String serviceId, LocalDate date, String timeZone,
                                     String providerId) {

    /** A day of the implicit provider. */
    public ProviderDayOpenedEvent(String dayId, String serviceId, LocalDate date, String timeZone) {
        this(dayId, serviceId, date, timeZone, null);
    }
}

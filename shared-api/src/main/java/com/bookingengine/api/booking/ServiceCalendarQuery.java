package com.bookingengine.api.booking;

/**
 * The bookings a service's calendar feed shows: those holding their place (pending, awaiting checkout, confirmed;
 * not waitlisted), by start. {@code providerId} (null: every provider) narrows them to one provider's.
 * Answered with a list of {@link BookingView}.
 */
public record ServiceCalendarQuery(String serviceId, String providerId) {
}

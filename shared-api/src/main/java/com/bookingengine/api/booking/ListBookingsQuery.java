package com.bookingengine.api.booking;

import java.time.Instant;

/**
 * A page of bookings. Every filter is optional; {@code from}/{@code to} bound the booking's start
 * ({@code from} inclusive, {@code to} exclusive). {@code sort} is a field name, optionally followed by
 * {@code ,asc} or {@code ,desc}.
 */
public record ListBookingsQuery(BookingStatus status, String serviceId, String contactId, Instant from, Instant to,
                                int page, int size, String sort, String providerId) {

    /** A list over every provider. */
    public ListBookingsQuery(BookingStatus status, String serviceId, String contactId, Instant from, Instant to,
                             int page, int size, String sort) {
        this(status, serviceId, contactId, from, to, page, size, sort, null);
    }
}

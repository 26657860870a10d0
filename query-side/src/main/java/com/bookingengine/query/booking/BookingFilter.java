package com.bookingengine.query.booking;

import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingView;
import com.bookingengine.platform.error.InvalidInputException;

import java.time.Instant;

/**
 * The filters of the booking list ({@code status, serviceId, contactId, from, to}; each optional): checked once
 * for both {@code GET /bookings} and the booking stream, and, for the stream, matched against one booking.
 * {@code from} and {@code to} bound the booking's start, {@code from} inclusive and {@code to} exclusive.
 */
public record BookingFilter(BookingStatus status, String serviceId, String contactId, Instant from, Instant to) {

    public BookingFilter {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidInputException("to", "to must be after from");
        }
    }

    /** Whether the list would show {@code booking} (as it stands) with these filters. */
    public boolean matches(BookingView booking) {
        return (status == null || status == booking.status())
                && (serviceId == null || serviceId.equals(booking.serviceId()))
                && (contactId == null || booking.contact() != null && contactId.equals(booking.contact().contactId()))
                && (from == null || booking.start() != null && !booking.start().isBefore(from))
                && (to == null || booking.start() != null && booking.start().isBefore(to));
    }
}

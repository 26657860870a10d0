package com.bookingengine.api.booking;

public record FindBookingQuery(String bookingId) {
}

package com.bookingengine.api.booking;

import java.util.List;

public record BookingPage(List<BookingView> items, int page, int size, long total) {
}

package com.bookingengine.api.availability;

public record PolicyViolations(boolean tooEarlyToBook, boolean tooLateToBook) {
}

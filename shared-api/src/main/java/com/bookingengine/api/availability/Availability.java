package com.bookingengine.api.availability;

import java.util.List;

/** Slots ordered by start. */
public record Availability(List<Slot> slots) {
}

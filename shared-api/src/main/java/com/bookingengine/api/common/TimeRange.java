package com.bookingengine.api.common;

import java.time.Instant;

/**
 * [from, to) on the time line. Whether two appointments collide is this one test, on the time each holds (its slot
 * plus the buffer after it, {@code BookingPolicy#heldTime}): the provider's day refuses a booking by it and
 * availability marks a slot taken by it, so the two cannot disagree.
 */
public record TimeRange(Instant from, Instant to) {

    /** Whether the two share an instant; half-open, so one ending as the other starts does not overlap it. */
    public boolean overlaps(TimeRange other) {
        return from.isBefore(other.to) && other.from.isBefore(to);
    }
}

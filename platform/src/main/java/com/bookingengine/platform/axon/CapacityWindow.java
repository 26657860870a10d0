package com.bookingengine.platform.axon;

import io.micrometer.core.instrument.Clock;

import java.util.Arrays;

/**
 * The time spent handling messages in the last {@value #WINDOW_MILLIS} ms, as Axon's {@code CapacityMonitor} sums
 * it, kept as sums of {@value #SLOT_MILLIS} ms slots instead of one entry per message: Axon's
 * {@code SlidingTimeWindowReservoir} inserts every message's time into a skip list and trims it, 5 % of a replaying
 * processor's samples (docs/BENCHMARKS.md). A time counts in the slot of the moment it was recorded; the window is
 * the current slot and the {@value #SLOTS} - 1 before it, so a message leaves it up to {@value #SLOT_MILLIS} ms
 * before it would leave Axon's reservoir, and never later.
 */
final class CapacityWindow {

    static final long WINDOW_MILLIS = 10_000;
    static final long SLOT_MILLIS = 100;
    static final int SLOTS = (int) (WINDOW_MILLIS / SLOT_MILLIS);
    private static final long SLOT_NANOS = SLOT_MILLIS * 1_000_000;

    private final Clock clock;
    /** For each slot of the ring: which slot of time it holds (monotonic time / SLOT_NANOS), and its sum in ns. */
    private final long[] slotOf = new long[SLOTS];
    private final long[] busy = new long[SLOTS];

    CapacityWindow(Clock clock) {
        this.clock = clock;
        Arrays.fill(slotOf, Long.MIN_VALUE);
    }

    /** Records {@code nanos} spent handling one message, now. */
    synchronized void add(long nanos) {
        long slot = clock.monotonicTime() / SLOT_NANOS;
        int index = (int) Math.floorMod(slot, (long) SLOTS);
        if (slotOf[index] != slot) {
            slotOf[index] = slot;
            busy[index] = 0;
        }
        busy[index] += nanos;
    }

    /** The time spent in the window, in ns. */
    synchronized long busyNanos() {
        long current = clock.monotonicTime() / SLOT_NANOS;
        long sum = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (slotOf[i] > current - SLOTS && slotOf[i] <= current) {
                sum += busy[i];
            }
        }
        return sum;
    }

    /** The share of the window spent handling messages (Axon's {@code eventProcessor.capacity}). */
    double capacity() {
        return busyNanos() / (WINDOW_MILLIS * 1_000_000.0);
    }
}

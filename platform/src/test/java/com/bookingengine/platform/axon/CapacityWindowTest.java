package com.bookingengine.platform.axon;

import io.micrometer.core.instrument.MockClock;
import org.axonframework.micrometer.reservoir.SlidingTimeWindowReservoir;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CapacityWindow} sums what Axon's sliding time window sums, give or take the messages of its oldest slot. */
class CapacityWindowTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theWindowHoldsWhatAxonsReservoirHoldsExceptTheOldestSlot() {
        // given Axon's reservoir, as its CapacityMonitor makes it, and the window, on one clock
        MockClock clock = new MockClock();
        SlidingTimeWindowReservoir axon = new SlidingTimeWindowReservoir(10, TimeUnit.SECONDS, clock);
        CapacityWindow window = new CapacityWindow(clock);
        List<long[]> handled = new ArrayList<>();
        Random random = new Random(42);

        // when messages are handled at irregular moments, with pauses from 4 to 12 s
        int compared = 0;
        int dropped = 0;
        for (int i = 0; i < 20_000; i++) {
            clock.add(random.nextInt(50) == 0 ? 4_000 + random.nextInt(8_000) : random.nextInt(7),
                    TimeUnit.MILLISECONDS);
            long nanos = 1 + random.nextInt(3_000_000);
            axon.update(nanos);
            window.add(nanos);
            handled.add(new long[]{clock.monotonicTime(), nanos});

            // then at every moment the window holds no more than Axon's, and every message of the last 10 s but one
            // slot
            if (i % 7 == 0) {
                long now = clock.monotonicTime();
                long busy = window.busyNanos();
                long axonBusy = axon.getMeasurements().stream().mapToLong(Long::longValue).sum();
                long allButOldestSlot = handled.stream()
                        .filter(m -> m[0] > now - 10 * SECOND + CapacityWindow.SLOT_MILLIS * 1_000_000)
                        .mapToLong(m -> m[1]).sum();
                assertThat(busy).as("at %d ms", now / 1_000_000)
                        .isLessThanOrEqualTo(axonBusy).isGreaterThanOrEqualTo(allButOldestSlot);
                compared++;
                dropped += busy < axonBusy ? 1 : 0;
            }
        }
        assertThat(compared).isGreaterThan(2_000);
        assertThat(dropped).as("readings where the oldest slot had left").isGreaterThan(0);
        // and a window the handling left long ago is idle
        clock.add(CapacityWindow.WINDOW_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(window.capacity()).isZero();
    }

    @Test
    void theCapacityIsTheShareOfTheWindowSpentHandling() {
        // given a window that saw 2.5 s of handling in the last 10 s
        MockClock clock = new MockClock();
        CapacityWindow window = new CapacityWindow(clock);
        for (int i = 0; i < 10; i++) {
            clock.add(500, TimeUnit.MILLISECONDS);
            window.add(TimeUnit.MILLISECONDS.toNanos(250));
            clock.add(500, TimeUnit.MILLISECONDS);
        }

        // then the processor was busy a quarter of the time
        assertThat(window.capacity()).isEqualTo(0.25);
    }
}

package com.bookingengine.command.booking;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.axonframework.modelling.command.AbstractRepository;
import org.slf4j.LoggerFactory;

import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs a seeded property once per seed; a failure names the seed so it can be replayed alone. */
final class PropertyRuns {

    private static final Logger REPOSITORY_LOG = (Logger) LoggerFactory.getLogger(AbstractRepository.class);

    private PropertyRuns() {
    }

    /**
     * Runs {@code property} for seeds {@code firstSeed} to {@code firstSeed + runs - 1}. Every create first looks for an
     * existing booking, which Axon logs with a stack trace: thousands of them in a run, so they are silenced meanwhile.
     */
    static void forSeeds(long firstSeed, int runs, LongConsumer property) {
        Level level = REPOSITORY_LOG.getLevel();
        REPOSITORY_LOG.setLevel(Level.ERROR);
        try {
            for (long seed = firstSeed; seed < firstSeed + runs; seed++) {
                try {
                    property.accept(seed);
                } catch (AssertionError | RuntimeException e) {
                    fail("Property failed for seed " + seed + ": " + e.getMessage(), e);
                }
            }
        } finally {
            REPOSITORY_LOG.setLevel(level);
        }
    }
}

package com.bookingengine.standalone;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;
import java.util.UUID;

/**
 * The one engine that the test classes needing nothing but fresh ids share: started by the first of them, closed
 * when the test JVM exits (by Spring's shutdown hook) or when a class that must be the only engine running asks
 * for it ({@link #close()}; the next user then starts a new one). Starting an engine costs seconds of a CI run;
 * every class on this one creates its own services, sessions and bookings under random ids, so they do not meet.
 * {@link EngineClassOrder} runs these classes first, so one engine serves them all.
 */
final class SharedEngine {

    private static ConfigurableApplicationContext engine;

    private SharedEngine() {
    }

    static synchronized ConfigurableApplicationContext get() {
        if (engine == null || !engine.isActive()) {
            // DB_CLOSE_ON_EXIT=FALSE: the database goes when the engine does, not before it at JVM exit
            engine = Nodes.start(Map.of("spring.datasource.url",
                    "jdbc:h2:mem:shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE"));
        }
        return engine;
    }

    /** Closes the shared engine if it runs: for a class whose engine must be the only one in the JVM. */
    static synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /** For a class whose engine must be the only one in the JVM: closes the shared engine before the class runs. */
    static final class ClosedBefore implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            close();
        }
    }
}

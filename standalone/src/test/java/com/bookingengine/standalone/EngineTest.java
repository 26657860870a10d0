package com.bookingengine.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;
import java.util.UUID;

/**
 * A real engine for a test class, on a random port, spoken to over HTTP: the {@link SharedEngine} (one per test
 * JVM), or, for a class annotated {@link OwnEngine}, one of its own on its own in-memory H2 database, closed after
 * the class. Subclasses that seed data do it in a {@code @BeforeAll} of their own (with another name: a static
 * method of the same name would hide this one).
 */
abstract class EngineTest {

    static ConfigurableApplicationContext engine;
    static Api api;
    static RawHttp raw;
    private static boolean own;

    @BeforeAll
    static void startEngine(TestInfo test) {
        own = test.getTestClass().map(type -> type.isAnnotationPresent(OwnEngine.class)).orElse(true);
        engine = own ? Nodes.start(Map.of("spring.datasource.url",
                "jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) : SharedEngine.get();
        api = Nodes.api(engine);
        raw = new RawHttp(engine);
    }

    @AfterAll
    static void stopEngine() {
        if (own) {
            engine.close();
        }
    }
}

package com.bookingengine.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;
import java.util.UUID;

/**
 * One real engine per test class, on its own in-memory H2 database and a random port, spoken to over HTTP.
 * Subclasses that seed data do it in a {@code @BeforeAll} of their own (with another name: a static method of the
 * same name would hide this one).
 */
abstract class EngineTest {

    static ConfigurableApplicationContext engine;
    static Api api;
    static RawHttp raw;

    @BeforeAll
    static void startEngine() {
        engine = Nodes.start(Map.of("spring.datasource.url",
                "jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        api = Nodes.api(engine);
        raw = new RawHttp(engine);
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }
}

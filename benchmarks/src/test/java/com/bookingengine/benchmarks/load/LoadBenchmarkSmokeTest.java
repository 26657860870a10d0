package com.bookingengine.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * CI runs the load benchmark once at its smoke size (2-second points, tiny seeds; the CRUD reference, the raw
 * PostgreSQL append and the split PostgreSQL deployment, every phase of the driver on it; one start of the standalone
 * jar each way the README gives, which runs its "Faster start" commands), so the program keeps working as the engine
 * changes. Nothing about speed is asserted: only that the run completed, that no session was overbooked in any
 * sell-out race, that no lag probe waiting with {@code X-Min-Position} was answered 404 (read-your-writes on the query
 * node under load), that both starts were made, and that docs/BENCHMARKS.md was left alone. Needs the packaged jars
 * (the reactor builds them before this module) and PostgreSQL at 127.0.0.1:5432 (user root, trust), as the system
 * tests do.
 */
class LoadBenchmarkSmokeTest {

    @Test
    void smokeRunCompletesAndNoSessionIsOverbooked() throws Exception {
        Path docs = Path.of("..", "docs", "BENCHMARKS.md").toAbsolutePath().normalize();
        byte[] before = Files.exists(docs) ? Files.readAllBytes(docs) : null;

        Results results = LoadBenchmark.run("size=smoke", "docs=none", "work-dir=target/load-benchmark-smoke");

        assertThat(results.completed).as("the smoke run completed").isTrue();
        assertThat(results.sellouts).as("sell-out races run").isNotEmpty();
        assertThat(results.overbooked()).as("a session overbooked: " + results.sellouts).isFalse();
        assertThat(results.lag).as("lag probes that waited with X-Min-Position")
                .filteredOn(lag -> lag.method() == LagProbe.Method.WAITED).isNotEmpty()
                .allSatisfy(lag -> assertThat(lag.early()).as("404s to a GET that waited for its booking's position")
                        .isZero());
        assertThat(results.starts).as("starts of the standalone jar, as shipped and with the README's faster start")
                .extracting(Results.Start::way).containsExactly(StartUps.JAR, StartUps.FASTER);
        assertThat(Files.exists(docs) ? Files.readAllBytes(docs) : null).as("docs/BENCHMARKS.md untouched")
                .isEqualTo(before);
    }
}

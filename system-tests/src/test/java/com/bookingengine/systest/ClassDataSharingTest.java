package com.bookingengine.systest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/cds.sh}, which deploy/Dockerfile runs when it builds an image and the README's "Faster start" gives:
 * it trains a class-data-sharing archive on the embedded default, with no database, and a node started from it on
 * the {@code postgres} profile uses that archive. The node runs with {@code -Xshare:on}, so a JVM that could not map
 * the archive (another class path, another JVM) would refuse to start rather than start without it.
 */
class ClassDataSharingTest {

    private static final Path SCRIPT = Paths.get("..", "deploy", "cds.sh").toAbsolutePath().normalize();

    @Test
    void anArchiveTrainedWithoutADatabaseStartsAQueryNodeOnPostgres(@TempDir Path work)
            throws IOException, InterruptedException {
        Path app = work.resolve("app");
        Path log = work.resolve("cds.log");
        Process cds = new ProcessBuilder("sh", SCRIPT.toString(), Node.Side.QUERY.jar().toString(), app.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(cds.waitFor(4, TimeUnit.MINUTES)).as("cds.sh done within 4 minutes").isTrue();
        assertThat(cds.exitValue()).as(Files.readString(log)).isZero();
        try (Stream<Path> files = Files.list(app)) {
            // the training start's scratch directory (its H2 files) is gone
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("app.jar", "app.jsa", "lib");
        }

        List<String> options = new ArrayList<>(Node.JVM_OPTIONS);
        options.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + app.resolve("app.jsa")));
        try (Postgres db = Postgres.createFresh()) {
            Node node = new Node("cds-query", Node.Side.QUERY, db.jdbcUrl(), Cluster.KEYS, options,
                    app.resolve("app.jar"));
            try {
                node.start();
                node.awaitHealthy();
                assertThat(new Http(node).get(Cluster.AUDITOR, "/bookings").status()).isEqualTo(200);
            } finally {
                node.destroy();
            }
        }
    }
}

package com.bookingengine.benchmarks.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A server started in a session of its own ({@code own-sessions=true}) is still the process the benchmark measures. */
class ServerProcessTest {

    /** Stands in for a server: lives until it is stopped. */
    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(60_000);
    }

    @Test
    void aServerInASessionOfItsOwnKeepsItsPidAndLeavesTheBenchmarksSession(@TempDir Path logs) throws Exception {
        ServerProcess server = ServerProcess.main("sleeper", System.getProperty("java.class.path"),
                ServerProcessTest.class.getName(), List.of(), List.of(), Map.of(), logs).inOwnSession().launch();
        try {
            long pid = server.pid();
            // the pid the benchmark reads CPU from becomes the JVM itself, setsid exec'ing it
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!command(pid).equals("java") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(command(pid)).isEqualTo("java");
            assertThat(session(pid)).isEqualTo(pid).isNotEqualTo(session(ProcessHandle.current().pid()));
        } finally {
            server.stop();
        }
    }

    private static String command(long pid) throws Exception {
        return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
    }

    /** Field 6 of {@code /proc/<pid>/stat}, read after the command name (which may hold spaces). */
    private static long session(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }
}

package com.bookingengine.benchmarks.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The load benchmark's knobs as its user types them after {@code -Dbench.args=}. */
class LoadConfigTest {

    @Test
    void serverJvmOptionsAreSplitWhereANewOptionBeginsSoThatAnOptionKeepsItsOwnCommas() {
        LoadConfig config = LoadConfig.parse(new String[] {"size=smoke",
                "server-jvm=-XX:ParallelGCThreads=8,-Xlog:gc,safepoint:file=/tmp/gc-%p.log:uptime,tags"});

        assertThat(config.serverJvm())
                .containsExactly("-XX:ParallelGCThreads=8", "-Xlog:gc,safepoint:file=/tmp/gc-%p.log:uptime,tags");
    }

    @Test
    void serversGetNoMoreOptionsUnlessAsked() {
        assertThat(LoadConfig.parse(new String[] {"size=smoke"}).serverJvm()).isEmpty();
    }

    @Test
    void serversShareTheBenchmarksSessionUnlessAskedForSessionsOfTheirOwn() {
        assertThat(LoadConfig.parse(new String[] {"size=smoke"}).ownSessions()).isFalse();
        assertThat(LoadConfig.parse(new String[] {"size=smoke", "own-sessions=true"}).ownSessions()).isTrue();
    }
}

package com.bookingengine.standalone;

import com.bookingengine.platform.postgres.AppendNotifications;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes' {@link AppendNotifications} on one real PostgreSQL database (each with a pool of its own, as two
 * processes have): what one node appends wakes the other at once, never the node itself, appends close together share
 * a notification, a node with no reader of its event store (a command node) holds no listening connection, and a
 * listener whose connection the server kills listens again.
 */
class AppendNotificationsTest {

    private String url;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<AppendNotifications> nodes = new ArrayList<>();

    @BeforeEach
    void createDatabase() {
        url = Postgres.createDatabase("notify");
    }

    @AfterEach
    void stop() {
        nodes.forEach(AppendNotifications::stop);
        pools.forEach(HikariDataSource::close);
        Postgres.dropDatabase(url);
    }

    @Test
    void anAppendWakesTheOtherNodeAndNotItself() {
        AtomicInteger wakesOfA = new AtomicInteger();
        AtomicInteger wakesOfB = new AtomicInteger();
        AppendNotifications a = node(wakesOfA, Duration.ofMillis(5));
        AppendNotifications b = node(wakesOfB, Duration.ofMillis(5));
        // each listener wakes its node once when it starts listening (for what it may have missed)
        awaitAtLeast(wakesOfA::get, 1);
        awaitAtLeast(wakesOfB::get, 1);

        a.appended();
        awaitAtLeast(wakesOfB::get, 2);
        b.appended();
        awaitAtLeast(wakesOfA::get, 2);
        sleep(300);
        assertThat(wakesOfA.get()).as("A woken by its own notification").isEqualTo(2);
        assertThat(wakesOfB.get()).as("B woken by its own notification").isEqualTo(2);
    }

    @Test
    void appendsCloseTogetherShareANotification() {
        AtomicInteger wakesOfB = new AtomicInteger();
        AppendNotifications a = node(new AtomicInteger(), Duration.ofMillis(200));
        node(wakesOfB, Duration.ofMillis(200));
        awaitAtLeast(wakesOfB::get, 1);

        for (int i = 0; i < 100; i++) {
            a.appended();
        }
        awaitAtLeast(wakesOfB::get, 2);
        sleep(600);
        // the first append is sent at once, the other 99 (made while it was sent) share at most one more
        assertThat(wakesOfB.get() - 1).isBetween(1, 2);
    }

    @Test
    void aNodeWhoseEventStoreHasNoReaderTellsTheOthersButDoesNotListen() {
        AtomicInteger wakesOfCommandNode = new AtomicInteger();
        AtomicInteger wakesOfQueryNode = new AtomicInteger();
        AppendNotifications commandNode = node(wakesOfCommandNode, Duration.ofMillis(5), false);
        AppendNotifications queryNode = node(wakesOfQueryNode, Duration.ofMillis(5), true);
        awaitAtLeast(wakesOfQueryNode::get, 1);
        assertThat(listeningConnections()).isEqualTo(1);

        commandNode.appended();
        awaitAtLeast(wakesOfQueryNode::get, 2);
        queryNode.appended();
        sleep(300);
        assertThat(wakesOfCommandNode.get()).isZero();
    }

    @Test
    void aListenerWhoseConnectionIsKilledListensAgain() {
        AtomicInteger wakesOfB = new AtomicInteger();
        AppendNotifications a = node(new AtomicInteger(), Duration.ofMillis(5));
        node(wakesOfB, Duration.ofMillis(5));
        awaitAtLeast(wakesOfB::get, 1);

        long killed = Postgres.count(url, "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                + LISTENING);
        assertThat(killed).as("listening connections killed").isEqualTo(2);
        // listening again, each node wakes itself once more
        awaitAtLeast(wakesOfB::get, 2);
        int before = wakesOfB.get();
        a.appended();
        awaitAtLeast(wakesOfB::get, before + 1);
    }

    /** The backends whose last statement was a LISTEN: those that listen (their connections do nothing else). */
    private static final String LISTENING = " where datname = current_database() and query like 'LISTEN%'";

    private long listeningConnections() {
        return Postgres.count(url, "select count(*) from pg_stat_activity" + LISTENING);
    }

    private AppendNotifications node(AtomicInteger wakes, Duration interval) {
        return node(wakes, interval, true);
    }

    /** A node's notifications; {@code reader}: its event store has a reader (a processor), so it listens. */
    private AppendNotifications node(AtomicInteger wakes, Duration interval, boolean reader) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(Postgres.USER);
        pool.setMaximumPoolSize(3);
        pools.add(pool);
        AppendNotifications node = new AppendNotifications(pool, interval);
        node.wakes(wakes::incrementAndGet);
        node.start();
        if (reader) {
            node.listen();
        }
        nodes.add(node);
        return node;
    }

    private static void awaitAtLeast(IntSupplier value, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (value.getAsInt() < expected && System.nanoTime() < deadline) {
            sleep(10);
        }
        assertThat(value.getAsInt()).isGreaterThanOrEqualTo(expected);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

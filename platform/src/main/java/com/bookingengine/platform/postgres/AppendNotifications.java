package com.bookingengine.platform.postgres;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Nodes sharing one PostgreSQL event store tell each other when they have appended events, so a query node's
 * processors read a command node's events at once instead of at its next poll of the table
 * ({@code booking.event-store.fetch-delay}, which stays as the fallback: a notification is a hint, never the only way
 * an event is found).
 * <p>
 * After this node's event store commits an append, {@link #appended()} asks a sender thread to {@code NOTIFY} the
 * channel {@value #CHANNEL}, with this node's id as payload; appends committed while one notification is on its way
 * share the next, sent at most once per {@code booking.event-store.notify-interval}. The notification is sent in a
 * transaction of its own, after the append's commit, and not from the append's transaction: PostgreSQL serialises
 * the commits of every transaction that notifies, which would undo the group commit of concurrent appends.
 * <p>
 * Once the event store has a reader ({@link #listen()}: a tracking processor opened a stream; a command node has
 * none), a listener thread holds one connection of the pool in {@code LISTEN} and wakes the event store for every
 * notification from another node (and once after each (re)connection, for what it may have missed); its own
 * appends already wake it. A failed connection is retried every second, and meanwhile the poll finds the events.
 */
public final class AppendNotifications implements SmartLifecycle {

    public static final String CHANNEL = "booking_events";

    private static final Logger log = LoggerFactory.getLogger(AppendNotifications.class);
    private static final long LISTEN_TIMEOUT_MILLIS = 500;
    private static final long RETRY_MILLIS = 1_000;

    private final DataSource dataSource;
    private final long intervalNanos;
    private final String node = UUID.randomUUID().toString();
    private final Lock lock = new ReentrantLock();
    private final Condition appendedCondition = lock.newCondition();
    private boolean pending;
    private volatile boolean running;
    private boolean listening;
    private volatile Runnable wakeUp = () -> { };
    private Thread sender;
    private Thread listener;

    public AppendNotifications(DataSource dataSource, Duration interval) {
        this.dataSource = dataSource;
        this.intervalNanos = interval.toNanos();
    }

    /** What a notification from another node does: wake this node's event store. */
    public void wakes(Runnable wakeUp) {
        this.wakeUp = wakeUp;
    }

    /** This node's event store has committed an append: the other nodes are told soon. */
    public void appended() {
        lock.lock();
        try {
            pending = true;
            appendedCondition.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The event store has a reader: from now on (or from the start), listen for the other nodes' appends. */
    public synchronized void listen() {
        listening = true;
        if (running && listener == null) {
            listener = thread("event-append-listener", this::listenLoop);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        sender = thread("event-append-notifier", this::sendLoop);
        if (listening) {
            listener = thread("event-append-listener", this::listenLoop);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread thread : new Thread[] {sender, listener}) {
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(LISTEN_TIMEOUT_MILLIS * 4);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        sender = null;
        listener = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Thread thread(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void sendLoop() {
        while (running) {
            try {
                awaitAppend();
                notifyOthers();
                Thread.sleep(intervalNanos / 1_000_000, (int) (intervalNanos % 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void awaitAppend() throws InterruptedException {
        lock.lock();
        try {
            while (!pending) {
                appendedCondition.await();
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }

    private void notifyOthers() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, node);
            notify.execute();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            // The other nodes find the events at their next poll.
            log.debug("Could not notify {} of an append", CHANNEL, e);
        }
    }

    private void listenLoop() {
        boolean warned = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                warned = false;
                wakeUp.run();
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications((int) LISTEN_TIMEOUT_MILLIS);
                    if (fromAnotherNode(notifications)) {
                        wakeUp.run();
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                if (!warned) {
                    log.warn("Not listening for other nodes' appends ({}); they are found by polling until the"
                            + " connection is back", e.toString());
                    warned = true;
                }
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private boolean fromAnotherNode(PGNotification[] notifications) {
        if (notifications == null) {
            return false;
        }
        for (PGNotification notification : notifications) {
            if (!node.equals(notification.getParameter())) {
                return true;
            }
        }
        return false;
    }
}

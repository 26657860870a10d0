package com.bookingengine.systest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The nodes of one test class on one fresh database, as a JUnit extension: the database is created before the
 * class's first test and dropped after its last, and every process it started is killed then, whatever happened
 * (a JVM shutdown hook in {@link Node} covers an aborted run).
 * <p>
 * API keys reach the nodes only through the environment ({@code BOOKING_SECURITY_API_KEYS_<i>_KEY/_NAME/_ROLES_0}),
 * one key per role, random per run.
 */
final class Cluster implements BeforeAllCallback, AfterAllCallback {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String OWNER = "sys-owner-" + RUN;
    static final String BOOKER = "sys-booker-" + RUN;
    static final String PAYMENTS = "sys-payments-" + RUN;
    static final String AUDITOR = "sys-auditor-" + RUN;
    static final String OPERATOR = "sys-operator-" + RUN;

    /** One key per role, as every node gets them. */
    static final Map<String, String> KEYS = keysEnvironment();

    private final String prefix;
    private final Map<String, String> queryEnvironment;
    private Postgres db;
    final List<Node> commands = new ArrayList<>();
    final List<Node> queries = new ArrayList<>();
    private long createdAt;

    Cluster(String prefix) {
        this(prefix, Map.of());
    }

    /** Query nodes get {@code queryEnvironment} on top of the keys (settings by relaxed binding). */
    Cluster(String prefix, Map<String, String> queryEnvironment) {
        this.prefix = prefix;
        Map<String, String> environment = new HashMap<>(KEYS);
        environment.putAll(queryEnvironment);
        this.queryEnvironment = Map.copyOf(environment);
    }

    private static Map<String, String> keysEnvironment() {
        Map<String, String> env = new HashMap<>();
        String[][] keys = {{OWNER, "OWNER"}, {BOOKER, "BOOKER"}, {PAYMENTS, "PAYMENTS"}, {AUDITOR, "AUDITOR"},
                {OPERATOR, "OPERATOR"}};
        for (int i = 0; i < keys.length; i++) {
            env.put("BOOKING_SECURITY_API_KEYS_" + i + "_KEY", keys[i][0]);
            env.put("BOOKING_SECURITY_API_KEYS_" + i + "_NAME", keys[i][0].replace("-" + RUN, ""));
            env.put("BOOKING_SECURITY_API_KEYS_" + i + "_ROLES_0", keys[i][1]);
        }
        return Map.copyOf(env);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        createdAt = System.nanoTime();
        // Both jars first: a missing build is the most common mistake, and says how to fix it.
        Node.Side.COMMAND.jar();
        Node.Side.QUERY.jar();
        db = Postgres.createFresh();
        System.out.printf("[systest] %s: database %s%n", context.getDisplayName(), db.name);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            for (Node node : all()) {
                node.destroy();
            }
            all().forEach(node -> System.out.printf("[systest]   log of %s: %s%n", node.name, node.log()));
        } finally {
            if (db != null && !Boolean.getBoolean("systest.keepDatabase")) {
                db.close();
            }
            System.out.printf("[systest] %s took %.1f s%n", context.getDisplayName(),
                    (System.nanoTime() - createdAt) / 1e9);
        }
    }

    Postgres db() {
        return db;
    }

    List<Node> all() {
        List<Node> all = new ArrayList<>(commands);
        all.addAll(queries);
        return all;
    }

    /**
     * Makes exactly {@code commandNodes} command-side and {@code queryNodes} query-side nodes run: starts the missing
     * ones (all at once) and waits until each is healthy, stops (SIGTERM) surplus ones. Node i keeps its name and
     * port across calls.
     */
    void ensure(int commandNodes, int queryNodes) {
        List<Node> starting = new ArrayList<>();
        reconcile(commands, commandNodes, Node.Side.COMMAND, starting);
        reconcile(queries, queryNodes, Node.Side.QUERY, starting);
        if (starting.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        starting.forEach(Node::start);
        starting.forEach(Node::awaitHealthy);
        System.out.printf("[systest] %d node(s) up in %.1f s: %s%n", starting.size(),
                (System.nanoTime() - started) / 1e9, all());
    }

    private void reconcile(List<Node> nodes, int wanted, Node.Side side, List<Node> starting) {
        while (nodes.size() < wanted) {
            String name = prefix + "-" + (side == Node.Side.COMMAND ? "command" : "query") + "-" + (nodes.size() + 1);
            nodes.add(new Node(name, side, db.jdbcUrl(), side == Node.Side.QUERY ? queryEnvironment : KEYS));
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (i < wanted && !node.isAlive()) {
                starting.add(node);
            } else if (i >= wanted && node.isAlive()) {
                node.stop();
            }
        }
    }

    List<Node> runningQueries() {
        return queries.stream().filter(Node::isAlive).toList();
    }

    /** {@code GET /admin/processors} of a query node: name to status. */
    static Map<String, JsonNode> processors(Node queryNode) {
        Http.Response response = new Http(queryNode).get(OPERATOR, "/admin/processors");
        if (response.status() != 200) {
            throw new AssertionError("GET /admin/processors on " + queryNode + ": " + response);
        }
        Map<String, JsonNode> byName = new HashMap<>();
        response.body().path("processors").forEach(p -> byName.put(p.path("name").asText(), p));
        return byName;
    }

    /**
     * Waits until every processor of every running query node has passed the event store's head as read by SQL
     * before asking (running, not replaying, lag 0, position at or past that head), so each read model holds every
     * event stored so far.
     */
    void awaitCaughtUp(Duration timeout) {
        List<Node> nodes = runningQueries();
        String last = waitUntil("query nodes caught up with the event store", timeout, () -> {
            long head = db.head();
            StringBuilder behind = new StringBuilder();
            for (Node node : nodes) {
                for (JsonNode p : processors(node).values()) {
                    long position = p.path("position").isNumber() ? p.path("position").asLong() : -2;
                    boolean caughtUp = p.path("running").asBoolean() && !p.path("replaying").asBoolean()
                            && !p.path("error").asBoolean() && p.path("lag").asLong(-1) == 0 && position >= head;
                    if (!caughtUp) {
                        behind.append(node.name).append(' ').append(p).append(" head ").append(head).append('\n');
                    }
                }
            }
            return behind.length() == 0 ? null : behind.toString();
        });
        if (last != null) {
            throw new AssertionError(last);
        }
    }

    /**
     * Polls {@code check} (null = satisfied, else what is still wrong) every 250 ms until it is satisfied or
     * {@code timeout} passes; answers null or the last complaint.
     */
    static String waitUntil(String what, Duration timeout, Supplier<String> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String complaint;
        while (true) {
            complaint = check.get();
            if (complaint == null) {
                return null;
            }
            if (System.nanoTime() > deadline) {
                return "Not " + what + " within " + timeout.toSeconds() + " s:\n" + complaint;
            }
            Node.sleep(250);
        }
    }
}

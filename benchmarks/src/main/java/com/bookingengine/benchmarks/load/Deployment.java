package com.bookingengine.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One system under test as the driver sees it: where bookings are posted, where they are read, with which keys, and
 * how a class service with fresh sessions is set up. The engine (any deployment) and the CRUD reference take the same
 * booking body; the CRUD reference has no catalogue API, so its sessions are inserted with JDBC.
 */
final class Deployment {

    enum Kind { ENGINE, CRUD }

    /** The first session starts this far ahead (well inside every default booking policy). */
    static final Duration LEAD = Duration.ofDays(2);

    final String name;
    final Kind kind;
    final String commandUrl;
    /** Where queries go (the query node in a split deployment); null for the CRUD reference. */
    final String queryUrl;
    final String owner;
    final String booker;
    final String operator;
    /** The PostgreSQL database, if any (JDBC url). */
    final String jdbcUrl;
    final String jdbcUser;
    private final AtomicLong services = new AtomicLong();
    /** The server processes whose CPU time a point is charged with. */
    final List<ServerProcess> servers = new ArrayList<>();

    Deployment(String name, Kind kind, String commandUrl, String queryUrl, String owner, String booker,
               String operator, String jdbcUrl, String jdbcUser) {
        this.name = name;
        this.kind = kind;
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.owner = owner;
        this.booker = booker;
        this.operator = operator;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser;
    }

    /** A session of a class service: id and time. */
    record Session(String id, Instant start, Instant end) {
    }

    static Instant firstStart() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).plus(LEAD).plus(Duration.ofHours(6));
    }

    /**
     * A new CLASS service with {@code count} sessions of {@code capacity} seats, {@code spacing} apart from
     * {@code first}; its id is {@code prefix} plus a counter.
     */
    String newClassService(String prefix, int count, int capacity, Instant first, Duration spacing,
                           List<Session> out) {
        String serviceId = prefix + "-" + services.incrementAndGet();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = first.plus(spacing.multipliedBy(i));
            sessions.add(new Session(serviceId + "-s" + i, start, start.plus(Duration.ofMinutes(50))));
        }
        if (kind == Kind.ENGINE) {
            List<Map<String, Object>> body = new ArrayList<>();
            for (Session session : sessions) {
                body.add(Map.of("sessionId", session.id(), "start", session.start().toString(), "end",
                        session.end().toString()));
            }
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("serviceId", serviceId);
            service.put("name", "Vinyasa Flow " + serviceId);
            service.put("type", "CLASS");
            service.put("timeZone", "Europe/Berlin");
            service.put("price", Map.of("amount", "18.50", "currency", "EUR"));
            service.put("paymentOptions", List.of("IN_PERSON", "ONLINE"));
            service.put("capacity", capacity);
            service.put("sessions", body);
            Http.expect(201, commandUrl + "/api/v1/services", owner, service);
        } else {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, jdbcUser, "");
                 PreparedStatement insert = connection.prepareStatement("insert into sessions (session_id,"
                         + " service_id, service_name, starts_at, ends_at, capacity, price_amount, currency)"
                         + " values (?, ?, ?, ?, ?, ?, 18.50, 'EUR')")) {
                for (Session session : sessions) {
                    insert.setString(1, session.id());
                    insert.setString(2, serviceId);
                    insert.setString(3, "Vinyasa Flow " + serviceId);
                    insert.setTimestamp(4, Timestamp.from(session.start()));
                    insert.setTimestamp(5, Timestamp.from(session.end()));
                    insert.setInt(6, capacity);
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not insert the CRUD sessions", e);
            }
        }
        out.addAll(sessions);
        return serviceId;
    }

    /** The booking body the engine and the CRUD reference both take: one participant, paid in person. */
    static String bookingBody(String bookingId, String serviceId, String sessionId) {
        return "{\"bookingId\":\"" + bookingId + "\",\"serviceId\":\"" + serviceId + "\",\"sessionId\":\""
                + sessionId + "\",\"participants\":1,\"contact\":{\"contactId\":\"c-" + bookingId.substring(0, 8)
                + "\",\"firstName\":\"Maria\",\"lastName\":\"Schneider-Okafor\",\"email\":\"maria.schneider@"
                + "example.org\",\"phone\":\"+49 30 5550 1234\"},\"payment\":{\"option\":\"IN_PERSON\"}}";
    }

    /** Bookings spread round-robin over {@code sessions}, each with a new id. */
    Load.Workload bookings(String serviceId, List<Session> sessions) {
        AtomicLong next = new AtomicLong();
        String url = commandUrl + "/api/v1/bookings";
        return client -> {
            int session = (int) (next.getAndIncrement() % sessions.size());
            String bookingId = UUID.randomUUID().toString();
            return new Load.Call(Http.postRequest(url, booker,
                    bookingBody(bookingId, serviceId, sessions.get(session).id())), session, bookingId);
        };
    }

    /**
     * Seats taken per session as the system itself reports them: the engine's availability read model (after its
     * projections have caught up), the CRUD reference's rows.
     */
    Map<String, Integer> seatsTaken(String serviceId, List<Session> sessions) {
        Map<String, Integer> taken = new HashMap<>();
        if (kind == Kind.ENGINE) {
            awaitCaughtUp(Duration.ofSeconds(180));
            Instant from = sessions.stream().map(Session::start).min(Instant::compareTo).orElseThrow();
            Instant to = sessions.stream().map(Session::end).max(Instant::compareTo).orElseThrow();
            JsonNode slots = Http.getOk(queryUrl + "/api/v1/availability?serviceId=" + serviceId + "&from="
                    + from.minusSeconds(60) + "&to=" + to.plusSeconds(60), owner).path("slots");
            for (JsonNode slot : slots) {
                taken.put(slot.path("sessionId").asText(),
                        slot.path("totalSpots").asInt() - slot.path("openSpots").asInt());
            }
        } else {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, jdbcUser, "");
                 PreparedStatement query = connection.prepareStatement("select s.session_id, s.taken,"
                         + " (select coalesce(sum(b.participants), 0) from bookings b where b.session_id = s.session_id)"
                         + " from sessions s where s.service_id = ?")) {
                query.setString(1, serviceId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getInt(2) != rows.getInt(3)) {
                            throw new IllegalStateException("CRUD session " + rows.getString(1) + " counts "
                                    + rows.getInt(2) + " seats taken but holds bookings for " + rows.getInt(3));
                        }
                        taken.put(rows.getString(1), rows.getInt(3));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return taken;
    }

    /** Waits until every projection of the query node has processed every stored event (engine only). */
    void awaitCaughtUp(Duration timeout) {
        if (kind != Kind.ENGINE) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            JsonNode processors = Http.getOk(queryUrl + "/api/v1/admin/processors", operator).path("processors");
            boolean caughtUp = processors.size() > 0;
            for (JsonNode p : processors) {
                caughtUp &= p.path("running").asBoolean() && !p.path("replaying").asBoolean()
                        && !p.path("error").asBoolean() && p.path("lag").asLong(-1) == 0;
            }
            if (caughtUp) {
                return;
            }
            last = processors.toString();
            ServerProcess.sleep(100);
        }
        throw new IllegalStateException(name + ": projections not caught up within " + timeout.toSeconds() + " s: "
                + last);
    }

    /** GET /admin/processors, by name (engine only). */
    Map<String, JsonNode> processors() {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode p : Http.getOk(queryUrl + "/api/v1/admin/processors", operator).path("processors")) {
            byName.put(p.path("name").asText(), p);
        }
        return byName;
    }

    /** The query node's heap in use, from its actuator (bytes), or -1. */
    long heapUsed() {
        try {
            JsonNode metric = Http.getOk(queryUrl + "/actuator/metrics/jvm.memory.used?tag=area:heap", operator);
            return (long) metric.path("measurements").path(0).path("value").asDouble(-1);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU seconds used so far by the servers, and by the PostgreSQL backends connected to the system's database (its
     * pooled connections; NaN for the embedded store). NaN without procfs.
     */
    double[] cpu() {
        double sum = 0;
        for (ServerProcess server : servers) {
            if (server.isAlive()) {
                sum += server.cpuSeconds();
            }
        }
        return new double[] {sum, databaseCpuSeconds(jdbcUrl, jdbcUser)};
    }

    /** CPU seconds used so far by the PostgreSQL backends connected to the database of {@code jdbcUrl}. */
    static double databaseCpuSeconds(String jdbcUrl, String jdbcUser) {
        if (jdbcUrl == null) {
            return Double.NaN;
        }
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        double sum = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, jdbcUser, "");
             PreparedStatement query = connection.prepareStatement(
                     "select pid from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    double cpu = ServerProcess.cpuSeconds(rows.getLong(1));
                    sum += Double.isNaN(cpu) ? 0 : cpu;
                }
            }
        } catch (SQLException e) {
            return Double.NaN;
        }
        return sum;
    }

    Deployment servers(ServerProcess... processes) {
        servers.addAll(List.of(processes));
        return this;
    }

    @Override
    public String toString() {
        return name;
    }
}

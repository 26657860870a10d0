package com.bookingengine.benchmarks.load;

import com.bookingengine.benchmarks.crud.CrudBookingApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How fast the engine takes bookings over HTTP, next to what the same machine does without it. The driver starts
 * every system as a process of its own, drives it with N concurrent closed-loop HTTP clients, and writes one section
 * of docs/BENCHMARKS.md:
 * <ul>
 *   <li><b>references</b>: the CRUD app a team would write instead ({@link CrudBookingApp}: Spring MVC + Security +
 *       JdbcTemplate on PostgreSQL, {@code SELECT ... FOR UPDATE} on the session row) and the raw PostgreSQL rate of
 *       the engine's write pattern ({@link RawAppend});</li>
 *   <li><b>the engine</b> on the embedded default (standalone jar, H2), the standalone jar on the PostgreSQL profile,
 *       and one command node plus one query node on PostgreSQL: bookings/s and p50/p95/p99 at 1, 16 and 64 clients,
 *       bookings spread round-robin over 200 sessions of a fresh class service per point;</li>
 *   <li><b>contention</b>: 64 clients on the seats of 5 sessions, then a sell-out race checking that no session is
 *       overbooked;</li>
 *   <li><b>projection lag</b> (split deployment): from a command's answer until the query node serves the booking;</li>
 *   <li><b>history</b>: the 16-client figure of the command node on a fresh store and after 10^5 and 10^6 stored
 *       events (seeded through Axon's storage engine, {@link EventStoreAccess});</li>
 *   <li><b>replay</b> of the booking list from that store on a query node with -Xmx512m, against a raw JDBC scan;</li>
 *   <li><b>availability</b>: 30 days of a class with 10,000 bookings and of an appointment service;</li>
 *   <li>a <b>JFR profile</b> of the engine under 16 clients, on an extra point after the measured ones (embedded
 *   and PostgreSQL).</li>
 * </ul>
 * Run: {@value #COMMAND} (about 15 minutes on two cores); {@code -Dbench.size=smoke} for the tiny run CI makes
 * (never writes the docs). Knobs: {@link LoadConfig}.
 */
public final class LoadBenchmark {

    static final String COMMAND = "mvn -B -q -pl benchmarks -am package -DskipTests -Pload-benchmark";
    static final String BEGIN = "<!-- load-benchmark:begin -->";
    static final String END = "<!-- load-benchmark:end -->";
    static final List<String> PROJECTIONS = List.of("bookings", "catalogue", "availability", "checkout");
    /** Capacity of the sessions of throughput points (the API's maximum): never the limit. */
    static final int UNLIMITED = 100_000;
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final LoadConfig config;
    private final String command;
    private final Results results = new Results();
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final Path runDir;
    private final List<String> databases = new ArrayList<>();
    private final List<ServerProcess> processes = new ArrayList<>();

    private LoadBenchmark(LoadConfig config, String command) {
        this.config = config;
        this.command = command;
        this.runDir = config.workDir().resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC).format(Instant.now()) + "-" + run);
        for (String role : List.of("OWNER", "BOOKER", "OPERATOR", "AUDITOR")) {
            keys.put(role, "bench-" + role.toLowerCase(Locale.ROOT) + "-" + run);
        }
    }

    public static void main(String[] args) throws Exception {
        Results results = run(args);
        if (!results.problems.isEmpty()) {
            System.exit(2);
        }
    }

    /** Runs the benchmark; the smoke test calls this. */
    static Results run(String... args) throws Exception {
        // Axon must never phone home, not from a benchmark either (the engine jars set it themselves).
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        LoadConfig config = LoadConfig.parse(args);
        String extra = LoadConfig.describe(args).replaceFirst("^size=full ?", "");
        String command = config.smoke() ? COMMAND.replace("-DskipTests", "-DskipTests -Dbench.size=smoke")
                : COMMAND;
        String rest = extra.replaceFirst("^size=smoke ?", "");
        if (!rest.isBlank()) {
            command += " -Dbench.args=\"" + rest + "\"";
        }
        return new LoadBenchmark(config, command).execute();
    }

    private Results execute() throws Exception {
        Instant started = Instant.now();
        String loadBefore = Report.loadAverage();
        Files.createDirectories(runDir);
        log("load benchmark, size %s, targets %s, logs in %s", config.size(), config.targets(), runDir);
        boolean failed = false;
        Map<String, Integer> occurrences = new HashMap<>();
        for (String target : config.targets()) {
            long t = System.nanoTime();
            // A target named again (alternating builds of the embedded default) is measured again under its own name.
            int occurrence = occurrences.merge(target, 1, Integer::sum);
            String name = occurrence == 1 ? target : target + "-" + occurrence;
            try {
                switch (target) {
                    case "crud" -> crud();
                    case "raw" -> raw();
                    case "embedded" -> embedded(name, List.of());
                    case "embedded-jpa" -> embedded(name, List.of("--booking.event-store.engine=jpa"));
                    case "standalone" -> standalonePostgres();
                    case "split" -> split();
                    case "startup" -> startUps();
                    default -> throw new IllegalArgumentException(target);
                }
                log("%s done in %.0f s", target, (System.nanoTime() - t) / 1e9);
            } catch (Exception | AssertionError e) {
                // One system failing must not cost the figures of the others: report it and go on.
                failed = true;
                log("%s FAILED after %.0f s: %s", target, (System.nanoTime() - t) / 1e9, e);
                e.printStackTrace(System.out);
                results.problems.add(target + " did not complete: " + e);
            } finally {
                processes.forEach(ServerProcess::stop);
                processes.clear();
                for (String database : List.copyOf(databases)) {
                    dropDatabase(database);
                }
            }
        }
        results.completed = !failed;
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        String section = new Report(config, results, command, started, seconds, loadBefore, Report.loadAverage())
                .section();
        System.out.println();
        System.out.println(section);
        Path docs = config.docsFile();
        if (docs != null) {
            Report.write(docs, section);
            log("wrote the load-benchmark section of %s", docs);
        }
        if (!results.problems.isEmpty()) {
            log("PROBLEMS: %s", results.problems);
        }
        log("done in %.0f s", seconds);
        return results;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The systems

    /** The CRUD reference app, its own process on a fresh database. */
    private void crud() throws Exception {
        String database = createDatabase("crud");
        Map<String, String> env = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, String> key : keys.entrySet()) {
            env.put("CRUD_API_KEYS_" + i + "_KEY", key.getValue());
            env.put("CRUD_API_KEYS_" + i + "_NAME", key.getKey().toLowerCase(Locale.ROOT));
            env.put("CRUD_API_KEYS_" + i + "_ROLES_0", key.getKey());
            i++;
        }
        ServerProcess app = track(ServerProcess.main("crud", crudClasspath(), CrudBookingApp.class.getName(),
                serverJvm(), List.of(
                        "--spring.datasource.url=" + config.jdbcUrl(database),
                        "--spring.datasource.username=" + config.pgUser(),
                        "--spring.datasource.hikari.maximum-pool-size=" + config.enginePool(),
                        "--spring.jackson.default-property-inclusion=non_null",
                        "--management.endpoint.health.probes.enabled=true",
                        "--spring.main.banner-mode=off"), env, runDir));
        app.start(START_TIMEOUT);
        results.startups.put("CRUD reference app", app.startSeconds);
        Deployment crud = new Deployment("crud", Deployment.Kind.CRUD, app.baseUrl(), null, keys.get("OWNER"),
                keys.get("BOOKER"), keys.get("OPERATOR"), config.jdbcUrl(database), config.pgUser()).servers(app);
        standardPoints("crud", crud, null, null);
        app.stop();
        dropDatabase(database);
    }

    /** The raw PostgreSQL append rate, from this JVM. */
    private void raw() throws Exception {
        String database = createDatabase("raw");
        try (RawAppend raw = new RawAppend(config, database, config.enginePool(), config.sessions())) {
            log("raw PostgreSQL append: warm-up %d s", config.warmupSeconds());
            raw.run("raw warm-up", 16, Duration.ofSeconds(config.warmupSeconds()));
            String url = config.jdbcUrl(database);
            long self = ProcessHandle.current().pid();
            for (int clients : config.clients()) {
                double client = ServerProcess.cpuSeconds(self);
                double db = Deployment.databaseCpuSeconds(url, config.pgUser());
                Load.Point point = raw.run("raw", clients, Duration.ofSeconds(config.pointSeconds()));
                results.points("raw").put(clients, point);
                // The JDBC client's side is this JVM (the HTTP client sits idle meanwhile).
                results.cpuPerBooking.put("raw/" + clients,
                        1000 * (ServerProcess.cpuSeconds(self) - client) / point.created());
                results.dbCpuPerBooking.put("raw/" + clients,
                        1000 * (Deployment.databaseCpuSeconds(url, config.pgUser()) - db) / point.created());
            }
        }
        dropDatabase(database);
    }

    /**
     * The README's first command: the standalone jar on its embedded default, a fresh H2 data directory; with
     * {@code extraArgs} a variant of it ({@code embedded-jpa}: the JPA event store the default had before).
     */
    private void embedded(String name, List<String> extraArgs) throws Exception {
        Path data = runDir.resolve(name + "-data");
        List<String> args = new ArrayList<>(List.of("--booking.data-dir=" + data));
        args.addAll(extraArgs);
        ServerProcess engine = track(ServerProcess.jar(name, jar("standalone", "booking-engine.jar"),
                serverJvm(), args, Map.of(), runDir));
        engine.start(START_TIMEOUT);
        results.startups.put(name.equals("embedded") ? "standalone jar, embedded default (H2)"
                : "standalone jar, " + name + " (H2)", engine.startSeconds);
        Deployment deployment = new Deployment(name, Deployment.Kind.ENGINE, engine.baseUrl(),
                engine.baseUrl(), "dev-owner", "dev-booker", "dev-operator", null, null).servers(engine);
        standardPoints(name, deployment, config.jfr() ? engine : null, null);
        engine.stop();
        deleteRecursively(data);
    }

    /**
     * The standalone jar's start on its embedded default, alternated between {@code java -jar} and the README's faster
     * start (extracted, with a class-data-sharing archive), on a quiet machine (nothing else of the benchmark runs).
     */
    private void startUps() throws Exception {
        Path dir = runDir.resolve("startup");
        List<Results.Start> starts = new StartUps(jar("standalone", "booking-engine.jar"), dir,
                List.of("-Xmx" + config.engineHeap())).measure(config.startRounds());
        results.starts.addAll(starts);
        starts.forEach(s -> log("  start %d, %s: healthy after %.1f s, %.1f s of CPU", s.round(), s.way(),
                s.seconds(), s.cpuSeconds()));
        deleteRecursively(dir);
    }

    /** The standalone jar (both sides, read-your-writes) on the postgres profile, a fresh database. */
    private void standalonePostgres() throws Exception {
        String database = createDatabase("standalone");
        ServerProcess engine = track(ServerProcess.jar("standalone-postgres", jar("standalone", "booking-engine.jar"),
                serverJvm(), postgresArgs(database, config.enginePool()), keysEnvironment(),
                runDir));
        engine.start(START_TIMEOUT);
        results.startups.put("standalone jar, postgres profile", engine.startSeconds);
        Deployment deployment = new Deployment("standalone", Deployment.Kind.ENGINE, engine.baseUrl(),
                engine.baseUrl(), keys.get("OWNER"), keys.get("BOOKER"), keys.get("OPERATOR"),
                config.jdbcUrl(database), config.pgUser()).servers(engine);
        standardPoints("standalone", deployment, config.jfr() ? engine : null, null);
        engine.stop();
        dropDatabase(database);
    }

    /**
     * One command node and one query node on one database: history point on the fresh store (command node alone),
     * the standard points with lag probes, availability, the history points, then the replay.
     */
    private void split() throws Exception {
        String database = createDatabase("split");
        ServerProcess command = track(ServerProcess.jar("command", jar("command-side", "booking-command-side.jar"),
                serverJvm(), postgresArgs(database, config.enginePool()), keysEnvironment(),
                runDir));
        command.start(START_TIMEOUT);
        results.startups.put("command-side jar, postgres profile", command.startSeconds);
        ServerProcess query = track(ServerProcess.jar("query", jar("query-side", "booking-query-side.jar"),
                serverJvm(), postgresArgs(database, config.queryPool()), keysEnvironment(),
                runDir));
        Deployment split = new Deployment("split", Deployment.Kind.ENGINE, command.baseUrl(), query.baseUrl(),
                keys.get("OWNER"), keys.get("BOOKER"), keys.get("OPERATOR"), config.jdbcUrl(database),
                config.pgUser()).servers(command, query);
        try (EventStoreAccess store = new EventStoreAccess(config.jdbcUrl(database), config.pgUser(), 4)) {
            if (config.smoke()) {
                query.launch(); // the smoke size measures nothing: start the query node meanwhile, to save time
            }
            // History, first point: the fresh store (only catalogue events), the command node alone, after a warm-up
            // twice the usual (the later rows come after all the traffic of the points below).
            warmUp("split", split);
            warmUp("split", split);
            historyPoint(split, store, 0, 0);

            if (config.smoke()) {
                query.awaitHealthy(START_TIMEOUT);
            } else {
                query.start(START_TIMEOUT);
            }
            results.startups.put("query-side jar, postgres profile", query.startSeconds);
            LagProbe probe = new LagProbe(query.baseUrl(), keys.get("OWNER"), config.lagProbes());
            try {
                standardPoints("split", split, config.jfr() && config.smoke() ? command : null, probe);
            } finally {
                probe.close();
            }

            availability(split, store, query);
            List<EventStoreAccess.Target> history = historyTargets(split, store);
            // Every history row is measured on the command node alone, as the first was: no query node catching
            // up on the seeded events on the same cores. (The smoke size keeps it running: its seeds are tiny.)
            boolean queryStopped = !config.smoke() && config.history().length > 0;
            if (queryStopped) {
                query.stop();
                results.notes.add("The query node was stopped while the history was seeded and measured, as it was"
                        + " not yet running for the first history row; the replay restarts it.");
            }
            for (long target : config.history()) {
                long stored = store.count();
                long seed = Math.max(0, target - stored) / 2;
                long t = System.nanoTime();
                seedRoundRobin(store, history, seed);
                double seconds = (System.nanoTime() - t) / 1e9;
                log("seeded %,d bookings (%,d events) in %.1f s: %,.0f events/s; %,d events stored", seed, 2 * seed,
                        seconds, 2 * seed / seconds, store.count());
                historyPoint(split, store, 2 * seed, seconds);
            }

            command.stop();
            replay(split, store, query, queryStopped);
            auditCheck(split, history.get(0));
            query.stop();
            log("reference scans of the event table (%,d events)", store.count());
            results.rawScan = store.scan(false);
            log("  raw JDBC scan: %,.0f events/s", results.rawScan.perSecond());
            results.decodingScan = store.scan(true);
            log("  JDBC scan + Jackson: %,.0f events/s", results.decodingScan.perSecond());
        }
        dropDatabase(database);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The measurements

    private void warmUp(String system, Deployment deployment) {
        List<Deployment.Session> sessions = new ArrayList<>();
        String service = deployment.newClassService(system + "-warmup", config.sessions(), UNLIMITED,
                Deployment.firstStart(), Duration.ofHours(2), sessions);
        log("%s: warm-up, 16 clients, %d s", system, config.warmupSeconds());
        Load.run(system + " warm-up", 16, Duration.ofSeconds(config.warmupSeconds()),
                deployment.bookings(service, sessions), Load.NONE);
    }

    /**
     * Warm-up, then each client count on a fresh service of {@code sessions} sessions (so no point books into
     * sessions an earlier point has grown), then contention and the sell-out race.
     */
    private void standardPoints(String system, Deployment deployment, ServerProcess profiled, LagProbe probe)
            throws IOException {
        warmUp(system, deployment);
        for (int clients : config.clients()) {
            List<Deployment.Session> sessions = new ArrayList<>();
            String service = deployment.newClassService(system + "-c" + clients, config.sessions(), UNLIMITED,
                    Deployment.firstStart(), Duration.ofHours(2), sessions);
            boolean probing = probe != null && clients >= config.mainClients();
            double[] cpu = deployment.cpu();
            Load.Point point = Load.run(system, clients, Duration.ofSeconds(config.pointSeconds()),
                    deployment.bookings(service, sessions), probing ? probe.listener() : Load.NONE);
            if (probing) {
                for (Results.Lag lag : probe.finish(clients)) {
                    results.lag.add(lag);
                    log("  lag, %s: %d probes, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d timeouts, %d early",
                            lag.method().label(), lag.probes(), lag.millis(50), lag.millis(99), lag.max(),
                            lag.timeouts(), lag.early());
                }
            }
            results.points(system).put(clients, point);
            checkCreated(system + ", " + clients + " clients", deployment, service, sessions, point);
            charge(system + "/" + clients, deployment, cpu, point);
        }
        if (profiled != null) {
            profile(system, deployment, profiled);
        }
        contention(system, deployment);
        sellout(system, deployment);
    }

    /**
     * The JVM options of every server the points measure: the heap, and, when JFR profiles are taken, the debug
     * information that lets JFR name the method a sample is in rather than the nearest safepoint's (without it, a
     * profile of 2026-12-01 put 8.6 % of the embedded default's samples in SHA-256; with it, the audit's hashing took
     * about 1 %).
     */
    private List<String> serverJvm() {
        List<String> options = new ArrayList<>(List.of("-Xmx" + config.engineHeap()));
        options.addAll(config.serverJvm());
        if (config.jfr()) {
            options.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"));
        }
        return options;
    }

    /**
     * A JFR profile of the process under the main client count, on a point of its own after the measured ones: JFR's
     * {@code profile} settings cost the engine a large share of its throughput here (about 0.6x the bookings/s of the
     * same point unprofiled), so no measured figure carries it.
     */
    private void profile(String system, Deployment deployment, ServerProcess profiled) throws IOException {
        List<Deployment.Session> sessions = new ArrayList<>();
        String service = deployment.newClassService(system + "-profile", config.sessions(), UNLIMITED,
                Deployment.firstStart(), Duration.ofHours(2), sessions);
        profiled.jfrStart("profile");
        Load.run(system + " profiled", config.mainClients(), Duration.ofSeconds(config.pointSeconds()),
                deployment.bookings(service, sessions), Load.NONE);
        Path file = runDir.resolve(system + "-" + config.mainClients() + "-clients.jfr");
        profiled.jfrStop(file);
        JfrSummary summary = JfrSummary.read(system, file, 15);
        results.profiles.put(system, summary);
        log("  JFR: %,d execution samples in %s", summary.samples(), file);
    }

    /**
     * CPU milliseconds per booking created that the system's own processes, and the PostgreSQL backends serving its
     * database, used from the start of the point until its bookings were checked (for a split deployment: until the
     * query node had projected them). Requests answered after the deadline are in the CPU but not in the count.
     */
    private void charge(String key, Deployment deployment, double[] before, Load.Point point) {
        double[] perBooking = cpuPerBooking(deployment, before, point);
        results.cpuPerBooking.put(key, perBooking[0]);
        results.dbCpuPerBooking.put(key, perBooking[1]);
    }

    /**
     * CPU milliseconds per booking created since {@code before} (a {@link Deployment#cpu()} reading): of the
     * deployment's running servers, and of the PostgreSQL backends of its database. Logged as it is measured.
     */
    private static double[] cpuPerBooking(Deployment deployment, double[] before, Load.Point point) {
        double[] after = deployment.cpu();
        if (point.created() == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double server = 1000 * (after[0] - before[0]) / point.created();
        double database = 1000 * (after[1] - before[1]) / point.created();
        log("  CPU per booking: %.2f ms in %s, %.2f ms in PostgreSQL", server, deployment.servers, database);
        return new double[] {server, database};
    }

    /**
     * Every 201 is a booking the system holds, and it holds no booking nobody was told about: seats taken are at
     * least the 201s counted and at most that plus one request per client (answered after the deadline, not counted).
     */
    private void checkCreated(String what, Deployment deployment, String service, List<Deployment.Session> sessions,
                              Load.Point point) {
        long taken = deployment.seatsTaken(service, sessions).values().stream().mapToLong(Integer::longValue).sum();
        if (taken < point.created() || taken > point.created() + point.clients()) {
            results.problems.add(String.format(Locale.ROOT, "%s: %d bookings answered 201 but %d seats taken",
                    what, point.created(), taken));
        }
    }

    private void contention(String system, Deployment deployment) {
        List<Deployment.Session> sessions = new ArrayList<>();
        String service = deployment.newClassService(system + "-contention", config.contentionSessions(), UNLIMITED,
                Deployment.firstStart(), Duration.ofHours(2), sessions);
        double[] cpu = deployment.cpu();
        Load.Point point = Load.run(system + " contention (" + config.contentionSessions() + " sessions)",
                config.contentionClients(), Duration.ofSeconds(config.contentionSeconds()),
                deployment.bookings(service, sessions), Load.NONE);
        results.contention.put(system, point);
        checkCreated(system + ", contention", deployment, service, sessions, point);
        charge(system + "/contention", deployment, cpu, point);
    }

    /**
     * {@code contention-clients} clients race for the seats of {@code contention-sessions} sessions of
     * {@code sellout-capacity} seats until every session has refused one (409): each must have sold exactly its
     * seats, by the 201s counted and by the system's own account.
     */
    private void sellout(String system, Deployment deployment) {
        List<Deployment.Session> sessions = new ArrayList<>();
        int capacity = config.selloutCapacity();
        String service = deployment.newClassService(system + "-sellout", config.contentionSessions(), capacity,
                Deployment.firstStart(), Duration.ofHours(2), sessions);
        int n = sessions.size();
        AtomicIntegerArray created = new AtomicIntegerArray(n);
        AtomicIntegerArray full = new AtomicIntegerArray(n);
        AtomicLong next = new AtomicLong();
        Load.Workload bookings = deployment.bookings(service, sessions);
        String url = deployment.commandUrl + "/api/v1/bookings";
        Load.Workload race = client -> {
            for (int tries = 0; tries < n; tries++) {
                int session = (int) (next.getAndIncrement() % n);
                if (full.get(session) == 0) {
                    String bookingId = UUID.randomUUID().toString();
                    return new Load.Call(Http.postRequest(url, deployment.booker,
                            Deployment.bookingBody(bookingId, service, sessions.get(session).id())), session, bookingId);
                }
            }
            return null;
        };
        Load.Point point = Load.run(system + " sell-out race", config.contentionClients(), Duration.ofSeconds(120),
                race, (call, status, at, position) -> {
                    if (status == 201) {
                        created.incrementAndGet(call.session());
                    } else if (status == 409) {
                        full.set(call.session(), 1);
                    }
                });
        Map<String, Integer> counted = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            counted.put(sessions.get(i).id(), created.get(i));
        }
        Map<String, Integer> reported = new LinkedHashMap<>(deployment.seatsTaken(service, sessions));
        Results.Sellout sellout = new Results.Sellout(system, capacity, counted, reported, point);
        results.sellouts.put(system, sellout);
        log("  sell-out: %d of %d seats sold (201s per session %s, system reports %s)", sellout.sold(),
                sellout.seats(), counted.values(), reported.values());
        if (sellout.overbooked()) {
            results.problems.add(system + ": a session was overbooked in the sell-out race: 201s " + counted
                    + ", reported " + reported + ", capacity " + capacity);
        } else if (!sellout.allSold()) {
            results.problems.add(system + ": the sell-out race did not sell exactly every seat: 201s " + counted
                    + ", reported " + reported + ", capacity " + capacity + "; answers " + point.statuses());
        }
        if (point.statuses().keySet().stream().anyMatch(s -> s != 201 && s != 409)) {
            results.problems.add(system + ": unexpected answers in the sell-out race: " + point.statuses() + " "
                    + point.errorSamples());
        }
    }

    /** The main client count on the command node, with whatever the store holds now. */
    private void historyPoint(Deployment split, EventStoreAccess store, long seeded, double seedSeconds)
            throws SQLException {
        List<Deployment.Session> sessions = new ArrayList<>();
        String service = split.newClassService("split-history", config.sessions(), UNLIMITED,
                Deployment.firstStart(), Duration.ofHours(2), sessions);
        long stored = store.count();
        log("history point: %,d events stored", stored);
        double[] before = split.cpu();
        Load.Point point = Load.run("split command node, " + stored + " events stored", config.mainClients(),
                Duration.ofSeconds(config.pointSeconds()), split.bookings(service, sessions), Load.NONE);
        double[] cpu = cpuPerBooking(split, before, point);
        results.history.add(new Results.HistoryPoint(stored, point, seeded, seedSeconds, cpu[0], cpu[1]));
    }

    /**
     * The services the history is seeded into: 4 class services of 250 sessions (1,000 session aggregates, none of
     * them booked by the measured points), each with one booking made through the API as the template.
     */
    private List<EventStoreAccess.Target> historyTargets(Deployment split, EventStoreAccess store) {
        int services = config.smoke() ? 1 : 4;
        int perService = config.smoke() ? 20 : 250;
        results.historyTargets = String.format(Locale.ROOT, "%d other class service%s of %d sessions (%,d session"
                + " aggregates)", services, services == 1 ? "" : "s", perService, services * perService);
        List<EventStoreAccess.Target> targets = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            List<Deployment.Session> sessions = new ArrayList<>();
            String service = split.newClassService("history", perService, UNLIMITED,
                    Deployment.firstStart().plus(Duration.ofMinutes(30)), Duration.ofHours(2), sessions);
            targets.add(store.prepare(service, sessions, template(split, service, sessions.get(0))));
        }
        return targets;
    }

    private static String template(Deployment deployment, String service, Deployment.Session session) {
        String bookingId = UUID.randomUUID().toString();
        Http.expect(201, deployment.commandUrl + "/api/v1/bookings", deployment.booker,
                Deployment.bookingBody(bookingId, service, session.id()));
        return bookingId;
    }

    private static void seedRoundRobin(EventStoreAccess store, List<EventStoreAccess.Target> targets, long bookings)
            throws Exception {
        for (int i = 0; i < targets.size(); i++) {
            long share = bookings / targets.size() + (i < bookings % targets.size() ? 1 : 0);
            store.seed(targets.get(i), share, 2);
        }
    }

    /**
     * 30 days of a class (300 sessions, 10,000 bookings: one through the API, the rest seeded as that booking's
     * events) and of an appointment service (bookings through the API), read on the query node.
     */
    private void availability(Deployment split, EventStoreAccess store, ServerProcess query) throws Exception {
        Instant day0 = LocalDate.now(ZoneOffset.UTC).plusDays(Deployment.LEAD.toDays()).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        List<Deployment.Session> sessions = new ArrayList<>();
        String classService = split.newClassService("availability-class", 300, 40, day0.plus(Duration.ofHours(6)),
                Duration.ofMinutes(140), sessions);
        String templateId = template(split, classService, sessions.get(0));
        store.seed(store.prepare(classService, sessions, templateId), config.availabilityBookings() - 1, 2);

        String appointment = "availability-appointments-" + run;
        List<Map<String, String>> hours = new ArrayList<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            hours.add(Map.of("day", day, "start", "08:00", "end", "18:00"));
        }
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("serviceId", appointment);
        service.put("name", "Haircut");
        service.put("type", "APPOINTMENT");
        service.put("timeZone", "UTC");
        service.put("price", Map.of("amount", "30.00", "currency", "EUR"));
        service.put("paymentOptions", List.of("IN_PERSON"));
        service.put("workingHours", hours);
        service.put("slotMinutes", 30);
        Http.expect(201, split.commandUrl + "/api/v1/services", split.owner, service);
        int appointments = Math.min(config.appointmentBookings(), 300);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Http.Reply>> answers = new ArrayList<>();
            for (int k = 0; k < appointments; k++) {
                Instant start = day0.plus(Duration.ofDays(k % 30)).plus(Duration.ofHours(8))
                        .plus(Duration.ofMinutes(60L * (k / 30)));
                String body = "{\"bookingId\":\"" + UUID.randomUUID() + "\",\"serviceId\":\"" + appointment
                        + "\",\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30))
                        + "\",\"participants\":1,\"contact\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
                        + "\"email\":\"ada@example.com\"},\"payment\":{\"option\":\"IN_PERSON\"}}";
                answers.add(clients.submit(() -> Http.send(Http.postRequest(split.commandUrl + "/api/v1/bookings",
                        split.booker, body))));
            }
            for (Future<Http.Reply> answer : answers) {
                if (answer.get().status() != 201) {
                    throw new IllegalStateException("appointment booking: " + answer.get());
                }
            }
        } finally {
            clients.shutdownNow();
        }
        split.awaitCaughtUp(Duration.ofSeconds(300));

        String window = "&from=" + day0 + "&to=" + day0.plus(Duration.ofDays(30));
        String classUrl = split.queryUrl + "/api/v1/availability?serviceId=" + classService + window;
        String appointmentUrl = split.queryUrl + "/api/v1/availability?serviceId=" + appointment + window;
        JsonNode classSlots = Http.getOk(classUrl, split.booker).path("slots");
        long classBooked = 0;
        for (JsonNode slot : classSlots) {
            classBooked += slot.path("totalSpots").asLong() - slot.path("openSpots").asLong();
        }
        JsonNode appointmentSlots = Http.getOk(appointmentUrl, split.booker).path("slots");
        long appointmentBooked = 0;
        for (JsonNode slot : appointmentSlots) {
            appointmentBooked += slot.path("bookable").asBoolean() ? 0 : 1;
        }
        if (classBooked != config.availabilityBookings() || classSlots.size() != 300) {
            results.problems.add("availability: the class shows " + classSlots.size() + " slots and " + classBooked
                    + " seats taken, expected 300 and " + config.availabilityBookings());
        }
        Results.Gets classCold = timeGets(classUrl, split.booker, "class, first GETs", query);
        Results.Gets appointmentCold = timeGets(appointmentUrl, split.booker, "appointments, first GETs", query);
        var warmRequests = List.of(Http.getRequest(classUrl, split.booker), Http.getRequest(appointmentUrl, split.booker));
        long warmEnd = System.nanoTime() + Duration.ofSeconds(config.availabilityWarmSeconds()).toNanos();
        int warmGets = 0;
        while (System.nanoTime() < warmEnd) {
            Http.send(warmRequests.get(warmGets++ % 2));
        }
        log("availability: %,d more GETs in %d s", warmGets, config.availabilityWarmSeconds());
        Results.Gets classWarm = timeGets(classUrl, split.booker, "class, warm", query);
        Results.Gets appointmentWarm = timeGets(appointmentUrl, split.booker, "appointments, warm", query);
        results.availability = new Results.Availability("query node (PostgreSQL)", classService, classSlots.size(),
                classBooked, classCold, classWarm, appointment, appointmentSlots.size(), appointmentBooked,
                appointmentCold, appointmentWarm);
        log("availability, 30 days: class %d slots %,d booked p50 %.1f ms p99 %.1f ms (first GETs p99 %.1f ms);"
                        + " appointments %d slots %d taken p50 %.1f ms p99 %.1f ms (first GETs p99 %.1f ms)",
                classSlots.size(), classBooked, Report.pct(classWarm.ms(), 50), Report.pct(classWarm.ms(), 99),
                Report.pct(classCold.ms(), 99), appointmentSlots.size(), appointmentBooked,
                Report.pct(appointmentWarm.ms(), 50), Report.pct(appointmentWarm.ms(), 99),
                Report.pct(appointmentCold.ms(), 99));
    }

    /**
     * Sequential GETs after a few untimed ones: their sorted latencies, and the CPU time the query node spent per
     * timed GET, which depends far less on other jobs sharing the machine than a latency does.
     */
    private Results.Gets timeGets(String url, String key, String what, ServerProcess query) {
        var request = Http.getRequest(url, key);
        for (int i = 0; i < config.availabilityWarmup(); i++) {
            Http.send(request);
        }
        double cpu = query == null ? Double.NaN : query.cpuSeconds();
        double[] ms = new double[config.availabilitySamples()];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            Http.Reply reply = Http.send(request);
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (reply.status() != 200) {
                throw new IllegalStateException("GET " + url + " -> " + reply);
            }
        }
        double cpuPerGet = query == null ? Double.NaN : 1000 * (query.cpuSeconds() - cpu) / ms.length;
        log("  availability %s: %.2f ms of query-node CPU per GET", what, cpuPerGet);
        Arrays.sort(ms);
        return new Results.Gets(ms, cpuPerGet);
    }

    /**
     * Rebuilds the booking list through the operator API ({@code POST /admin/processors/bookings/replay}) on a query
     * node with the engine heap, and follows it until it has caught up again (or the cap): events per second and the
     * node's heap in use, sampled every 250 ms. A query node that was stopped during seeding starts with every
     * projection's token set to the head, so only the replayed projection reads the history.
     */
    private void replay(Deployment split, EventStoreAccess store, ServerProcess query, boolean queryStopped)
            throws Exception {
        if (queryStopped) {
            // the webhooks processor too: with no webhook registered it would still read the whole seeded history
            store.tokensToHead(java.util.stream.Stream.concat(PROJECTIONS.stream(), java.util.stream.Stream.of("webhooks"))
                    .toList());
            query.start(START_TIMEOUT);
            results.notes.add("Before the replay, the restarted query node's projection tokens were set to the head"
                    + " of the store (the seeded history is only read by the replayed projection).");
        }
        split.awaitCaughtUp(Duration.ofSeconds(120));
        long storeEvents = store.count();
        log("replay of the booking list: %,d events stored, query node -Xmx%s", storeEvents, config.engineHeap());
        Http.Reply accepted = Http.post(split.queryUrl + "/api/v1/admin/processors/bookings/replay", split.operator,
                "");
        if (accepted.status() != 202) {
            throw new IllegalStateException("replay -> " + accepted);
        }
        if (config.jfr()) {
            query.jfrStart("profile");
        }
        double cpu = query.cpuSeconds();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(config.replayCapSeconds()).toNanos();
        long maxHeap = -1;
        long heapSamples = 0;
        boolean complete = false;
        long position = 0;
        boolean sawReplaying = false;
        while (System.nanoTime() < deadline) {
            JsonNode bookings = split.processors().get("bookings");
            long heap = split.heapUsed();
            if (heap > 0) {
                maxHeap = Math.max(maxHeap, heap);
                heapSamples++;
            }
            position = bookings.path("position").asLong(position);
            sawReplaying |= bookings.path("replaying").asBoolean();
            if ((sawReplaying || System.nanoTime() - start > 2_000_000_000L) && !bookings.path("replaying").asBoolean()
                    && bookings.path("lag").asLong(-1) == 0 && bookings.path("running").asBoolean()) {
                complete = true;
                break;
            }
            ServerProcess.sleep(250);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (config.jfr()) {
            Path file = runDir.resolve("query-replay.jfr");
            query.jfrStop(file);
            log("  JFR of the replay: %s (JfrSummary prints its tables)", file);
        }
        long events = complete ? storeEvents : store.countUpTo(position);
        log("  replay: %.1f s of query-node CPU, %.1f ms per 1,000 events", query.cpuSeconds() - cpu,
                1e6 * (query.cpuSeconds() - cpu) / Math.max(1, events));
        results.replay = new Results.Replay(storeEvents, events, seconds, complete, maxHeap, config.engineHeap(),
                heapSamples);
        log("  replay %s: %,d events in %.1f s = %,.0f events/s, max heap in use %.0f MiB",
                complete ? "complete" : "capped", events, seconds, events / seconds, maxHeap / 1048576.0);
        if (!query.isAlive()) {
            results.problems.add("the query node died during the replay; log " + query.log());
        }
    }

    /**
     * The seeded events are the engine's own: its audit verification accepts the hash chain of a seeded session
     * (its API-made events and the seeded ones after them) and of a seeded booking.
     */
    private void auditCheck(Deployment split, EventStoreAccess.Target target) {
        // List.of refuses nulls: a run without seeded history has no seeded booking
        for (String aggregate : java.util.stream.Stream.of(target.sessions.get(0).id(), target.lastBookingId)
                .filter(java.util.Objects::nonNull).toList()) {
            Http.Reply verdict = Http.get(split.queryUrl + "/api/v1/audit/verify?aggregateId=" + aggregate,
                    keys.get("AUDITOR"));
            if (verdict.status() != 200 || !verdict.json().path("valid").asBoolean()) {
                results.problems.add("audit verification of seeded aggregate " + aggregate + ": " + verdict);
            } else {
                log("audit verification of seeded aggregate %s: %s", aggregate, verdict.body());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Processes, databases, environment

    private ServerProcess track(ServerProcess process) {
        processes.add(process);
        return config.ownSessions() ? process.inOwnSession() : process;
    }

    private List<String> postgresArgs(String database, int pool) {
        return List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + config.jdbcUrl(database),
                "--spring.datasource.username=" + config.pgUser(),
                "--spring.datasource.hikari.maximum-pool-size=" + pool);
    }

    /** API keys reach the engine only through the environment (SPEC §6), one key per role, random per run. */
    private Map<String, String> keysEnvironment() {
        Map<String, String> env = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, String> key : keys.entrySet()) {
            env.put("BOOKING_SECURITY_API_KEYS_" + i + "_KEY", key.getValue());
            env.put("BOOKING_SECURITY_API_KEYS_" + i + "_NAME", "bench-" + key.getKey().toLowerCase(Locale.ROOT));
            env.put("BOOKING_SECURITY_API_KEYS_" + i + "_ROLES_0", key.getKey());
            i++;
        }
        return env;
    }

    /** A packaged jar of the reactor, found from the working directory upwards. */
    static Path jar(String module, String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(module).resolve("target").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve(module))) {
                return candidate; // the reactor root: missing jar, ServerProcess says how to build it
            }
        }
        return Path.of(module, "target", name).toAbsolutePath();
    }

    /**
     * This JVM's classpath without Axon, the engine's own modules, Hibernate/JPA, Flyway and H2: what a plain Spring
     * Boot app with the web, security, validation, actuator and JDBC starters has.
     */
    static String crudClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> excluded = List.of("axon-", "axonserver-", "hibernate-", "flyway-", "h2-", "spring-data-",
                "spring-orm-", "jakarta.persistence", "db-scheduler", "platform-", "shared-api-", "grpc-",
                "protobuf-");
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> {
            String path = entry.replace('\\', '/');
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (path.contains("/platform/target/") || path.contains("/shared-api/target/")) {
                return false;
            }
            return excluded.stream().noneMatch(file::startsWith);
        }).collect(Collectors.joining(File.pathSeparator));
    }

    private String createDatabase(String purpose) throws SQLException {
        String name = "bench_" + run + "_" + purpose;
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("create database " + name);
        }
        databases.add(name);
        log("database %s", name);
        return name;
    }

    private void dropDatabase(String name) {
        if (!databases.remove(name)) {
            return;
        }
        if (config.keepDatabases()) {
            log("database %s kept (keep-databases=true)", name);
            return;
        }
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            log("could not drop %s: %s", name, e.getMessage());
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl("postgres"), config.pgUser(), "");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                String.format(Locale.ROOT, format, args));
    }
}

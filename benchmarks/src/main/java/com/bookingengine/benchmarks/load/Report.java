package com.bookingengine.benchmarks.load;

import com.bookingengine.benchmarks.BenchmarkSupport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** The load benchmark's section of docs/BENCHMARKS.md, from one run's {@link Results}. */
final class Report {

    static final Map<String, String> SYSTEMS = new LinkedHashMap<>();

    static {
        SYSTEMS.put("crud", "CRUD reference (Spring MVC + Security + JdbcTemplate, PostgreSQL)");
        SYSTEMS.put("raw", "raw PostgreSQL append (JDBC, no HTTP)");
        SYSTEMS.put("embedded", "engine, embedded default (standalone jar, H2)");
        SYSTEMS.put("embedded-jpa", "engine, embedded default on the JPA event store (standalone jar, H2)");
        SYSTEMS.put("standalone", "engine, standalone jar on PostgreSQL");
        SYSTEMS.put("split", "engine, 1 command node + 1 query node, PostgreSQL");
    }

    private final LoadConfig config;
    private final Results results;
    private final String command;
    private final Instant started;
    private final double seconds;
    private final String loadBefore;
    private final String loadAfter;

    Report(LoadConfig config, Results results, String command, Instant started, double seconds, String loadBefore,
           String loadAfter) {
        this.config = config;
        this.results = results;
        this.command = command;
        this.started = started;
        this.seconds = seconds;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
    }

    String section() {
        StringBuilder out = new StringBuilder();
        out.append(LoadBenchmark.BEGIN).append('\n');
        out.append("## Load: bookings over HTTP, the engine against its references\n\n");
        out.append(String.format(Locale.ROOT, "Measured %s on %d cores (%s), %.1f GiB, Java %s (%s); engine %s"
                        + " (Spring Boot %s, Axon %s, H2 %s, PostgreSQL JDBC %s); %s on the same machine over TCP."
                        + " Size `%s`, %.0f s in all; load average (1 / 5 / 15 min) %s before, %s after.\n",
                started.truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                BenchmarkSupport.procValue("/proc/cpuinfo", "model name"), memoryGiB(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), version("com.bookingengine", "platform", "0.1.0-SNAPSHOT"),
                org.springframework.boot.SpringBootVersion.getVersion(),
                version("org.axonframework", "axon-eventsourcing", "?"), h2Version(),
                org.postgresql.util.DriverInfo.DRIVER_VERSION, postgresVersion(), config.size(), seconds, loadBefore,
                loadAfter));
        out.append("Command: `").append(command).append("`\n\n");
        out.append(setup());
        throughput(out);
        contention(out);
        lag(out);
        history(out);
        replay(out);
        availability(out);
        startup(out);
        targets(out);
        profiles(out);
        if (!results.notes.isEmpty() || !results.problems.isEmpty()) {
            out.append("Notes:\n\n");
            results.notes.forEach(note -> out.append("- ").append(note).append('\n'));
            results.problems.forEach(problem -> out.append("- **Problem:** ").append(problem).append('\n'));
            out.append('\n');
        }
        out.append(LoadBenchmark.END).append('\n');
        return out.toString();
    }

    private String setup() {
        return String.format(Locale.ROOT, """
                One program (`LoadBenchmark`, module `benchmarks`) starts each system as a process of its own, waits \
                for its readiness, and drives it with N concurrent HTTP/1.1 clients (java.net.http), each a closed \
                loop: `POST /api/v1/bookings` with one participant paid in person, bookings spread round-robin over \
                the %d sessions of a fresh class service per point (so no point books into sessions an earlier one \
                grew); %d s per point after a %d s warm-up at 16 clients. Only `201 Created` counts as a booking; \
                latency is from sending to reading the answer, in the client, for 201s; every other answer is listed \
                as an error by status. CPU ms per booking: user + system CPU time (from `/proc`) of the system's \
                own processes and of the PostgreSQL backends connected to its database, from the start of the point \
                until its bookings were checked (for the split deployment, until the query node had projected them), \
                over the bookings created; for the raw append, the driver's JDBC threads and their backends. CPU per \
                booking depends much less on other jobs sharing the machine than a rate does. Every engine process \
                and the CRUD app run with `-Xmx%s`%s and a HikariCP pool of %d (query node %d)%s; the embedded \
                default runs as shipped (its own pool). After each point the seats the system reports taken are \
                checked against the 201s counted. The driver, PostgreSQL and the system under test share the \
                machine's cores (and other jobs ran on it), so the ratios, measured in the same run, mean more than \
                the absolute figures.

                - **CRUD reference**: `CrudBookingApp` in `benchmarks`, a plain Spring Boot app (same Boot, Spring MVC, \
                Spring Security with an API-key filter like the engine's, Jackson, bean validation of the same body, \
                actuator with Prometheus) on PostgreSQL with JdbcTemplate: one transaction per booking, \
                `SELECT ... FOR UPDATE` on the session row, capacity check, insert, seat count update, 201 with the \
                engine's answer shape. A process of its own, classpath without Axon, the engine, JPA, Flyway and H2.
                - **raw PostgreSQL**: `RawAppend`, from the driver's JVM: one transaction inserting the two event rows \
                of a booking (real serialized engine events) into a table shaped like the engine's \
                `domain_event_entry` (unique (aggregate, sequence)), per-session lock, pool of %d. No HTTP.
                - **engine** deployments: the packaged jars (`standalone/target/booking-engine.jar`, \
                `command-side/target/booking-command-side.jar`, `query-side/target/booking-query-side.jar`); keys \
                from the environment on PostgreSQL, dev keys on the embedded default; each PostgreSQL system on a \
                fresh database `bench_*`, dropped afterwards.

                """, config.sessions(), config.pointSeconds(), config.warmupSeconds(), config.engineHeap(),
                config.serverJvm().isEmpty() ? "" : " `" + String.join(" ", config.serverJvm()) + "`",
                config.enginePool(), config.queryPool(),
                config.ownSessions() ? ", each in a session of its own (`own-sessions`, `setsid`)" : "",
                config.enginePool());
    }

    // ---------------------------------------------------------------------------------------------------------

    private void throughput(StringBuilder out) {
        out.append("### Booking throughput and latency\n\n");
        out.append("× CRUD: the engine's bookings/s over the CRUD reference's at the same client count (above 1 is"
                + " faster), and its p99 over the reference's (below 1 is better). × raw: bookings/s over the raw"
                + " PostgreSQL append rate.\n\n");
        out.append("| system | clients | bookings/s | p50 ms | p95 ms | p99 ms | errors | × CRUD bookings/s"
                + " | × CRUD p99 | × raw | CPU ms per booking: system + PostgreSQL | × CRUD CPU |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
        Map<Integer, Load.Point> crud = results.throughput.getOrDefault("crud", Map.of());
        Map<Integer, Load.Point> raw = results.throughput.getOrDefault("raw", Map.of());
        for (Map.Entry<String, String> system : SYSTEMS.entrySet()) {
            Map<Integer, Load.Point> points = results.throughput.get(system.getKey());
            if (points == null) {
                continue;
            }
            for (Load.Point point : points.values()) {
                Load.Point reference = crud.get(point.clients());
                Load.Point rawPoint = raw.get(point.clients());
                boolean isCrud = system.getKey().equals("crud");
                boolean isRaw = system.getKey().equals("raw");
                out.append("| ").append(system.getValue()).append(" | ").append(point.clients())
                        .append(" | ").append(f0(point.perSecond()))
                        .append(" | ").append(f1(point.p50())).append(" | ").append(f1(point.p95()))
                        .append(" | ").append(f1(point.p99())).append(" | ").append(point.errorSummary())
                        .append(" | ").append(isCrud || isRaw || reference == null ? "" : ratio(point.perSecond(),
                                reference.perSecond()))
                        .append(" | ").append(isCrud || isRaw || reference == null ? "" : ratio(point.p99(),
                                reference.p99()))
                        .append(" | ").append(isRaw || rawPoint == null ? "" : ratio(point.perSecond(),
                                rawPoint.perSecond()))
                        .append(" | ").append(cpu(system.getKey() + "/" + point.clients()))
                        .append(" | ").append(isCrud || isRaw ? "" : ratio(cpuTotal(system.getKey() + "/"
                                + point.clients()), cpuTotal("crud/" + point.clients())))
                        .append(" |\n");
            }
        }
        out.append('\n');
    }

    private void contention(StringBuilder out) {
        if (results.contention.isEmpty()) {
            return;
        }
        out.append(String.format(Locale.ROOT, "### Contention: %d clients on %d sessions\n\n",
                config.contentionClients(), config.contentionSessions()));
        out.append(String.format(Locale.ROOT, "Throughput: %d s on %d sessions with room for every booking. Sell-out"
                        + " race: the same clients on %d fresh sessions of %d seats until every session has refused a"
                        + " booking (409); a session is overbooked if more 201s were counted, or more seats are"
                        + " reported taken, than it has.\n\n", config.contentionSeconds(),
                config.contentionSessions(), config.contentionSessions(), config.selloutCapacity()));
        out.append("| system | bookings/s | p50 ms | p95 ms | p99 ms | errors | × CRUD bookings/s | × CRUD p99"
                + " | CPU ms per booking: system + PostgreSQL | × CRUD CPU | sell-out: seats sold (201s / reported)"
                + " | overbooked |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
        Load.Point crud = results.contention.get("crud");
        results.contention.forEach((system, point) -> {
            Results.Sellout sellout = results.sellouts.get(system);
            boolean isCrud = system.equals("crud");
            out.append("| ").append(SYSTEMS.getOrDefault(system, system)).append(" | ").append(f0(point.perSecond()))
                    .append(" | ").append(f1(point.p50())).append(" | ").append(f1(point.p95()))
                    .append(" | ").append(f1(point.p99())).append(" | ").append(point.errorSummary())
                    .append(" | ").append(isCrud || crud == null ? "" : ratio(point.perSecond(), crud.perSecond()))
                    .append(" | ").append(isCrud || crud == null ? "" : ratio(point.p99(), crud.p99()))
                    .append(" | ").append(cpu(system + "/contention"))
                    .append(" | ").append(isCrud ? "" : ratio(cpuTotal(system + "/contention"),
                            cpuTotal("crud/contention")))
                    .append(" | ").append(sellout == null ? "" : sellout.sold() + " / "
                            + sellout.reported().values().stream().mapToInt(Integer::intValue).sum() + " of "
                            + sellout.seats())
                    .append(" | ").append(sellout == null ? "" : sellout.overbooked() ? "**yes**" : "no")
                    .append(" |\n");
        });
        out.append('\n');
    }

    private void lag(StringBuilder out) {
        if (results.lag.isEmpty()) {
            return;
        }
        out.append("### Projection lag (split deployment)\n\n");
        out.append(String.format(Locale.ROOT, "From the command node's 201 until `GET /bookings/{id}` on the query"
                        + " node answers 200, for a sample of the bookings of the load point (at most %d probes at"
                        + " once, one started at most every %d ms). Two ways of asking, alternating from probe to"
                        + " probe (`lag-probes`): *polled* repeats the GET every %d ms (a figure includes up to one"
                        + " poll interval and a GET, and each poll is a GET the query node answers); *waited* sends"
                        + " one GET with the command's `X-Event-Position` as `X-Min-Position`, the read-your-writes"
                        + " of the README, which the query node answers once its booking list has the event (*early*:"
                        + " such a GET answered 404, a broken promise). The query node learns of new events when the"
                        + " command node's append notifies it (`booking.event-store.notify`, PostgreSQL's"
                        + " LISTEN/NOTIFY) and by polling the event table every 100 ms"
                        + " (`booking.event-store.fetch-delay`). Target: p99 < 500 ms.\n\n",
                LagProbe.IN_FLIGHT, LagProbe.GAP_MILLIS, LagProbe.POLL_MILLIS));
        out.append("| load | method | probes | p50 ms | p99 ms | max ms | not visible within 15 s | early |"
                + " p99 × target |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        results.lag.forEach(lag -> out.append("| ").append(lag.clients()).append(" clients | ")
                .append(lag.method().label()).append(" | ")
                .append(lag.probes()).append(" | ").append(f1(lag.millis(50))).append(" | ")
                .append(f1(lag.millis(99))).append(" | ").append(f1(lag.max())).append(" | ").append(lag.timeouts())
                .append(" | ").append(lag.early())
                .append(" | ").append(ratio(lag.millis(99), 500)).append(" |\n"));
        out.append('\n');
    }

    private void history(StringBuilder out) {
        if (results.history.isEmpty()) {
            return;
        }
        out.append(String.format(Locale.ROOT, "### Throughput against history size (command node, %d clients)\n\n",
                config.mainClients()));
        out.append(String.format(Locale.ROOT, """
                The command node of the split deployment alone (no query node running), %d s per point on a fresh \
                class service of %d sessions, with the store holding more and more events. The history is seeded \
                with `EventStoreAccess`: bookings of %s, none of them booked by a measured point, each \
                booking the two events a create-booking command stores (the session's `SeatsReservedEvent` at its \
                next sequence number, the booking's `BookingCreatedEvent`), copied from a booking made through the \
                API, with the engine's metadata and a correct audit hash chain, appended through Axon's \
                `JdbcEventStorageEngine` configured as the engine configures it, %d bookings per transaction, two \
                threads. The first row is the store as the command node found it after its warm-up: the catalogue and the \
                warm-up's bookings only. CPU per booking: user + system CPU of the command node (the query node is \
                stopped for these rows) and of the PostgreSQL backends of its database during the point, over the \
                bookings created; it depends much less than the rate on other jobs sharing the machine.

                """, config.pointSeconds(), config.sessions(), results.historyTargets,
                EventStoreAccess.BATCH_BOOKINGS));
        out.append("| events stored | bookings/s | p50 ms | p95 ms | p99 ms | errors | × first row bookings/s"
                + " | × first row p99 | CPU ms per booking, node + PostgreSQL | × first row CPU"
                + " | seeded before this row |\n");
        out.append("| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |\n");
        Results.HistoryPoint firstRow = results.history.get(0);
        Load.Point first = firstRow.point();
        for (Results.HistoryPoint h : results.history) {
            Load.Point p = h.point();
            out.append("| ").append(String.format(Locale.ROOT, "%,d", h.storedEvents())).append(" | ")
                    .append(f0(p.perSecond())).append(" | ").append(f1(p.p50())).append(" | ").append(f1(p.p95()))
                    .append(" | ").append(f1(p.p99())).append(" | ").append(p.errorSummary()).append(" | ")
                    .append(ratio(p.perSecond(), first.perSecond())).append(" | ")
                    .append(ratio(p.p99(), first.p99())).append(" | ")
                    .append(f2(h.cpuMs())).append(" + ").append(f2(h.dbCpuMs())).append(" | ")
                    .append(ratio(h.totalCpuMs(), firstRow.totalCpuMs())).append(" | ")
                    .append(h.seeded() == 0 ? "" : String.format(Locale.ROOT, "%,d events in %.0f s (%,.0f events/s)",
                            h.seeded(), h.seedSeconds(), h.seeded() / h.seedSeconds()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private void replay(StringBuilder out) {
        Results.Replay replay = results.replay;
        if (replay == null) {
            return;
        }
        out.append("### Replay of the booking list\n\n");
        out.append(String.format(Locale.ROOT, """
                `POST /api/v1/admin/processors/bookings/replay` on the query node (`-Xmx%s`) over the store of the \
                history points (%,d events), followed until the projection has caught up again%s; heap in use is \
                the node's `jvm.memory.used{area=heap}`, sampled every 250 ms (%d samples). The references read the \
                same table with one JDBC cursor (1,000 rows a fetch) right after, every column of every row, once \
                raw and once also deserializing each payload with the engine's Jackson serializer.

                """, replay.xmx(), replay.storeEvents(), replay.complete() ? ""
                        : String.format(Locale.ROOT, " or for at most %d s (**capped**: %,d of %,d events replayed)",
                        config.replayCapSeconds(), replay.events(), replay.storeEvents()), replay.heapSamples()));
        out.append("| what | events | seconds | events/s | max heap in use | × raw scan |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        double raw = results.rawScan == null ? Double.NaN : results.rawScan.perSecond();
        out.append(String.format(Locale.ROOT, "| engine: replay of the booking list | %,d | %.1f | %s | %.0f MiB"
                        + " (of %s) | %s |\n", replay.events(), replay.seconds(), f0(replay.perSecond()),
                replay.maxHeapBytes() / 1048576.0, replay.xmx(), ratio(replay.perSecond(), raw)));
        if (results.rawScan != null) {
            out.append(String.format(Locale.ROOT, "| reference: raw JDBC scan | %,d | %.1f | %s | | 1.00× |\n",
                    results.rawScan.events(), results.rawScan.seconds(), f0(raw)));
        }
        if (results.decodingScan != null) {
            out.append(String.format(Locale.ROOT, "| reference: JDBC scan + Jackson deserialization | %,d | %.1f"
                            + " | %s | | %s |\n", results.decodingScan.events(), results.decodingScan.seconds(),
                    f0(results.decodingScan.perSecond()), ratio(results.decodingScan.perSecond(), raw)));
        }
        out.append('\n');
    }

    private void availability(StringBuilder out) {
        Results.Availability a = results.availability;
        if (a == null) {
            return;
        }
        out.append("### Availability, 30 days\n\n");
        out.append(String.format(Locale.ROOT, """
                `GET /api/v1/availability` for a 30-day window on the %s, one client, with no other load. The class: \
                300 sessions of 40 seats over 30 days, %,d seats booked (one booking through the API, the rest seeded \
                as its events and projected by the query node). The appointment service: open 08:00-18:00 every day \
                in 30-minute slots, %d appointments booked through the API. First GETs: %d untimed, then %d timed, \
                of each service in turn, as the node first meets the query; its JIT is still compiling the query's \
                path. Warm: after %d s more of GETs of both, alternating, another %d untimed and %d timed of each, as \
                a node that has been answering the query sees it (the booking points above come after a warm-up for \
                the same reason). CPU: the query node's user + system CPU time over the timed GETs. There is no \
                reference system for this query: the ratio is to the target, p99 < 20 ms, met or not on the warm \
                GETs.

                """, a.where(), a.classBooked(), a.appointmentBooked(), config.availabilityWarmup(),
                config.availabilitySamples(), config.availabilityWarmSeconds(), config.availabilityWarmup(),
                config.availabilitySamples()));
        out.append("| service | slots | GETs | p50 ms | p99 ms | max ms | CPU ms per GET | p99 × target |\n");
        out.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
        String classService = String.format(Locale.ROOT, "class, %,d bookings", a.classBooked());
        String appointments = String.format(Locale.ROOT, "appointments, %d booked", a.appointmentBooked());
        availabilityRow(out, classService, a.classSlots(), "first", a.classCold());
        availabilityRow(out, classService, a.classSlots(), "warm", a.classWarm());
        availabilityRow(out, appointments, a.appointmentSlots(), "first", a.appointmentCold());
        availabilityRow(out, appointments, a.appointmentSlots(), "warm", a.appointmentWarm());
        out.append('\n');
    }

    private static void availabilityRow(StringBuilder out, String service, int slots, String gets, Results.Gets g) {
        out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s |\n", service, slots, gets,
                f1(pct(g.ms(), 50)), f1(pct(g.ms(), 99)), f1(max(g.ms())), f2(g.cpuMsPerGet()),
                ratio(pct(g.ms(), 99), 20)));
    }

    private void startup(StringBuilder out) {
        if (results.startups.isEmpty() && results.starts.isEmpty()) {
            return;
        }
        out.append("### Start-up\n\n");
        if (!results.startups.isEmpty()) {
            out.append(String.format(Locale.ROOT, "From the process start to the first 200 of"
                    + " `/actuator/health/readiness`, `-Xmx%s`, measured as each system was started above (on a fresh"
                    + " store).\n\n", config.engineHeap()));
            out.append("| process | healthy after |\n| --- | ---: |\n");
            results.startups.forEach((name, s) -> out.append(String.format(Locale.ROOT, "| %s | %.1f s |\n", name,
                    s)));
            out.append('\n');
        }
        if (results.starts.isEmpty()) {
            return;
        }
        out.append(String.format(Locale.ROOT, "Target `startup`: the standalone jar on its embedded default, a fresh"
                + " data directory each start, `-Xmx%s`, nothing else of the benchmark running; started as shipped and"
                + " with the README's faster start (`deploy/cds.sh`, as the Dockerfile does: extracted once, a"
                + " class-data-sharing archive made by one training start with `-XX:ArchiveClassesAtExit"
                + " -Dspring.context.exit=onRefresh`), alternated.%n%n",
                config.engineHeap()));
        out.append("| start | healthy after, by round | median | CPU until healthy, median | × `java -jar` CPU |\n"
                + "| --- | --- | ---: | ---: | ---: |\n");
        double jarCpu = BenchmarkSupport.median(startFigures(StartUps.JAR, true));
        for (String way : List.of(StartUps.JAR, StartUps.FASTER)) {
            List<Double> seconds = startFigures(way, false);
            double cpu = BenchmarkSupport.median(startFigures(way, true));
            out.append(String.format(Locale.ROOT, "| %s | %s | %.1f s | %.1f s | %.2f× |%n", way,
                    String.join(", ", seconds.stream().map(v -> String.format(Locale.ROOT, "%.1f s", v)).toList()),
                    BenchmarkSupport.median(seconds), cpu, cpu / jarCpu));
        }
        out.append('\n');
    }

    private List<Double> startFigures(String way, boolean cpu) {
        return results.starts.stream().filter(s -> s.way().equals(way))
                .map(s -> cpu ? s.cpuSeconds() : s.seconds()).toList();
    }

    private void targets(StringBuilder out) {
        out.append("### Targets\n\n");
        out.append("| target | measured | met |\n| --- | --- | --- |\n");
        Map<Integer, Load.Point> crud = results.throughput.getOrDefault("crud", Map.of());
        for (String system : List.of("standalone", "split")) {
            Map<Integer, Load.Point> points = results.throughput.get(system);
            if (points == null) {
                continue;
            }
            for (int clients : List.of(16, 64)) {
                Load.Point p = points.get(clients);
                Load.Point c = crud.get(clients);
                if (p == null || c == null) {
                    continue;
                }
                boolean met = p.perSecond() >= c.perSecond() && p.p99() <= c.p99();
                row(out, String.format(Locale.ROOT, "PostgreSQL profile (%s) ≥ 1.0× CRUD at %d clients, p99 no"
                                + " worse", system.equals("split") ? "1 command + 1 query node" : "standalone jar",
                        clients), String.format(Locale.ROOT, "%s bookings/s = %s CRUD (%s); p99 %s ms = %s CRUD's"
                                + " (%s ms)", f0(p.perSecond()), ratio(p.perSecond(), c.perSecond()),
                        f0(c.perSecond()), f1(p.p99()), ratio(p.p99(), c.p99()), f1(c.p99())), met);
            }
        }
        Load.Point embedded = results.throughput.getOrDefault("embedded", Map.of()).get(16);
        if (embedded != null) {
            row(out, "embedded default ≥ 1,000 bookings/s at 16 clients, p99 < 50 ms",
                    String.format(Locale.ROOT, "%s bookings/s (%s of the target), p99 %s ms", f0(embedded.perSecond()),
                            ratio(embedded.perSecond(), 1000), f1(embedded.p99())),
                    embedded.perSecond() >= 1000 && embedded.p99() < 50);
        }
        if (results.history.size() > 1) {
            Results.HistoryPoint first = results.history.get(0);
            Results.HistoryPoint last = results.history.get(results.history.size() - 1);
            double r = last.point().perSecond() / first.point().perSecond();
            boolean million = last.storedEvents() >= 1_000_000;
            row(out, "after 10^6 stored events, throughput within 10% of the empty store",
                    String.format(Locale.ROOT, "%s bookings/s with %,d events stored vs %s with %,d: %s%s",
                            f0(last.point().perSecond()), last.storedEvents(), f0(first.point().perSecond()),
                            first.storedEvents(), ratio(last.point().perSecond(), first.point().perSecond()),
                            million ? "" : " (fewer than 10^6 events: not measured at that size)")
                            + String.format(Locale.ROOT, "; CPU per booking (node + PostgreSQL) %s of the first row's",
                            ratio(last.totalCpuMs(), first.totalCpuMs())),
                    million && r >= 0.9);
        }
        if (!results.lag.isEmpty()) {
            // the target is the lag under the 16-client load, by every method asked; other loads beside it
            int main = results.lag.stream().anyMatch(lag -> lag.clients() == config.mainClients())
                    ? config.mainClients() : results.lag.get(0).clients();
            List<Results.Lag> judged = results.lag.stream().filter(lag -> lag.clients() == main).toList();
            String figures = judged.stream().map(lag -> String.format(Locale.ROOT, "p99 %s ms %s",
                    f1(lag.millis(99)), lag.method().label())).collect(Collectors.joining(", "));
            String others = results.lag.stream().filter(lag -> lag.clients() != main)
                    .map(lag -> String.format(Locale.ROOT, "; %s ms %s at %d clients", f1(lag.millis(99)),
                            lag.method().label(), lag.clients()))
                    .collect(Collectors.joining());
            row(out, "projection lag p99 < 500 ms under the " + main + "-client load",
                    String.format(Locale.ROOT, "%s at %d clients%s", figures, main, others),
                    judged.stream().allMatch(lag -> lag.millis(99) < 500 && lag.timeouts() == 0 && lag.early() == 0));
        }
        if (results.replay != null) {
            Results.Replay r = results.replay;
            row(out, "replay ≥ 20,000 events/s with -Xmx512m", String.format(Locale.ROOT,
                            "%s events/s (%s of the target) with -Xmx%s, %,d events%s", f0(r.perSecond()),
                            ratio(r.perSecond(), 20_000), r.xmx(), r.storeEvents(),
                            r.complete() ? "" : ", capped before the end"),
                    r.perSecond() >= 20_000 && r.xmx().equalsIgnoreCase("512m"));
        }
        if (results.availability != null) {
            Results.Availability a = results.availability;
            double worst = Math.max(pct(a.classWarm().ms(), 99), pct(a.appointmentWarm().ms(), 99));
            row(out, "availability, 30 days, p99 < 20 ms (warm)", String.format(Locale.ROOT, "class %s ms,"
                            + " appointments %s ms (their first GETs: %s and %s ms)", f1(pct(a.classWarm().ms(), 99)),
                    f1(pct(a.appointmentWarm().ms(), 99)), f1(pct(a.classCold().ms(), 99)),
                    f1(pct(a.appointmentCold().ms(), 99))), worst < 20);
        }
        Double start = results.startups.get("standalone jar, embedded default (H2)");
        if (!results.starts.isEmpty()) {
            boolean heap = config.engineHeap().equalsIgnoreCase("512m");
            for (String way : List.of(StartUps.JAR, StartUps.FASTER)) {
                List<Double> seconds = startFigures(way, false);
                double median = BenchmarkSupport.median(seconds);
                row(out, "standalone jar healthy < 10 s with -Xmx512m, " + (way.equals(StartUps.JAR) ? "`java -jar`"
                        : "README faster start"), String.format(Locale.ROOT, "%.1f s (median of %d)", median,
                        seconds.size()), median < 10 && heap);
            }
        } else if (start != null) {
            row(out, "standalone jar healthy < 10 s with -Xmx512m", String.format(Locale.ROOT, "%.1f s with -Xmx%s",
                    start, config.engineHeap()), start < 10 && config.engineHeap().equalsIgnoreCase("512m"));
        }
        row(out, "no session overbooked (sell-out races)", results.sellouts.isEmpty() ? "not run"
                : results.sellouts.size() + " races, overbooked: " + (results.overbooked() ? "yes" : "none"),
                !results.sellouts.isEmpty() && !results.overbooked());
        out.append('\n');
    }

    /** "system + PostgreSQL" CPU ms per booking of a point, or a dash. */
    private String cpu(String key) {
        Double app = results.cpuPerBooking.get(key);
        Double db = results.dbCpuPerBooking.get(key);
        if (app == null) {
            return "–";
        }
        return f2(app) + (db == null || Double.isNaN(db) ? " (H2 inside)" : " + " + f2(db));
    }

    private double cpuTotal(String key) {
        Double app = results.cpuPerBooking.get(key);
        Double db = results.dbCpuPerBooking.get(key);
        return app == null ? Double.NaN : app + (db == null || Double.isNaN(db) ? 0 : db);
    }

    private static void row(StringBuilder out, String target, String measured, boolean met) {
        out.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**")
                .append(" |\n");
    }

    private void profiles(StringBuilder out) {
        if (!results.profiles.isEmpty()) {
            profileSection(out, config.mainClients(), results.profiles.values());
        }
    }

    /** The profile part of the section (also printed by {@link JfrSummary#main} for earlier recordings). */
    static void profileSection(StringBuilder out, int clients, Iterable<JfrSummary> summaries) {
        out.append(String.format(Locale.ROOT, "### Where the engine spends its CPU (JFR, %d clients)\n\n",
                clients));
        out.append("A JFR recording (`jcmd <pid> JFR.start settings=profile`, Java samples every 10 ms) of the engine"
                + " process during an extra point of the same clients and length after the measured ones (JFR's"
                + " profile settings cost the engine about 0.6x its bookings/s here, so no figure above carries it),"
                + " its"
                + " `jdk.ExecutionSample` events (what `jfr print --events jdk.ExecutionSample` lists) aggregated by"
                + " the frame on top of the stack: its method, its package, and its library, where time spent in JDK"
                + " code is charged to the library that called into the JDK (the topmost non-JDK frame); then by"
                + " thread pool (numbers in thread names replaced by N). Below each table, the libraries found"
                + " anywhere on the stack (inclusive: a sample counts for each library it passes through).\n\n");
        for (JfrSummary summary : summaries) {
            out.append(String.format(Locale.ROOT, "**%s**: %,d samples.\n\n", SYSTEMS.getOrDefault(summary.label(),
                    summary.label()), summary.samples()));
            out.append("| # | top frame (method) | % | top frame package | % | library (topmost non-JDK frame) | %"
                    + " | thread pool | % |\n");
            out.append("| ---: | --- | ---: | --- | ---: | --- | ---: | --- | ---: |\n");
            int rows = Math.max(Math.max(summary.topMethods().size(), summary.topPackages().size()),
                    Math.max(summary.libraries().size(), summary.threads().size()));
            for (int i = 0; i < rows; i++) {
                out.append("| ").append(i + 1).append(" | ");
                cell(out, summary, summary.topMethods(), i, true);
                cell(out, summary, summary.topPackages(), i, true);
                cell(out, summary, summary.libraries(), i, false);
                cell(out, summary, summary.threads(), i, true);
                out.append('\n');
            }
            out.append("\nOn the stack: ");
            List<Map.Entry<String, Long>> onStack = summary.onStack();
            for (int i = 0; i < onStack.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(onStack.get(i).getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.0f %%", summary.share(onStack.get(i).getValue())));
            }
            out.append(".\n\n");
        }
    }

    private static void cell(StringBuilder out, JfrSummary summary, List<Map.Entry<String, Long>> entries, int i,
                             boolean code) {
        if (i < entries.size()) {
            String name = entries.get(i).getKey().replace("|", "\\|");
            out.append(code ? "`" + name + "`" : name).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", summary.share(entries.get(i).getValue()))).append(" | ");
        } else {
            out.append(" | | ");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    static void write(Path docs, String section) throws IOException {
        String text = Files.readString(docs, StandardCharsets.UTF_8);
        int begin = text.indexOf(LoadBenchmark.BEGIN);
        int end = text.indexOf(LoadBenchmark.END);
        String updated;
        if (begin >= 0 && end > begin) {
            int after = end + LoadBenchmark.END.length();
            if (after < text.length() && text.charAt(after) == '\n') {
                after++;
            }
            updated = text.substring(0, begin) + section + text.substring(after);
        } else {
            updated = text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
        }
        Files.writeString(docs, updated, StandardCharsets.UTF_8);
    }

    static double pct(double[] sorted, double p) {
        if (sorted == null || sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1))];
    }

    static double max(double[] sorted) {
        return sorted == null || sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    static String ratio(double value, double reference) {
        if (Double.isNaN(value) || Double.isNaN(reference) || reference == 0) {
            return "–";
        }
        double r = value / reference;
        return String.format(Locale.ROOT, r < 0.1 ? "%.3f×" : "%.2f×", r);
    }

    static String f0(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String f2(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String f1(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.1f", value);
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/loadavg")).get(0).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private static double memoryGiB() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / 1024.0 / 1024.0 / 1024.0;
    }

    private static String version(String group, String artifact, String fallback) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Report.class.getResourceAsStream(resource)) {
            if (in == null) {
                return fallback;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", fallback);
        } catch (IOException e) {
            return fallback;
        }
    }

    private static String h2Version() {
        try {
            return (String) Class.forName("org.h2.engine.Constants").getField("FULL_VERSION").get(null);
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }

    private String postgresVersion() {
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl("postgres"), config.pgUser(), "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("show server_version")) {
            rows.next();
            return "PostgreSQL " + rows.getString(1).split(" ")[0];
        } catch (Exception e) {
            return "PostgreSQL (version unknown)";
        }
    }
}

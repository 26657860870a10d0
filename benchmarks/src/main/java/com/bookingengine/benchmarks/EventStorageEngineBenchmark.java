package com.bookingengine.benchmarks;

import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import com.bookingengine.platform.upcasting.BookingCanceledEventUpcaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Which Axon event storage engine should the PostgreSQL profile use: {@code JpaEventStorageEngine} or
 * {@code JdbcEventStorageEngine}? Measured here, both engines in one run, each on its own fresh database,
 * alternating figure by figure (JPA, JDBC, then JDBC, JPA in the next round, ...) so that a noisy shared machine
 * hits both alike; the report quotes medians over the rounds and the JPA/JDBC ratio.
 *
 * <ol>
 *   <li>Append like a booking command: one transaction stores a new booking aggregate's first event and the
 *       next event of one of 200 session aggregates (the session's lock held meanwhile, as Axon's aggregate lock
 *       does), with 1 and with 16 threads for a fixed time: transactions per second, p50 and p99 per transaction.</li>
 *   <li>Load one aggregate: {@code readEvents(aggregateId)} of a session with 200 events, payloads deserialized,
 *       one thread: loads per second.</li>
 *   <li>Stream the whole store from the start as a tracking processor does, {@code readEvents(null, false)},
 *       200,000 events: events per second, with payloads deserialized and without.</li>
 * </ol>
 * Parts 2 and 3 run on two new fresh databases filled through the engines to exactly that many events.
 *
 * Not a test: run it with {@value #COMMAND}. It prints the table and replaces its section of
 * {@code docs/BENCHMARKS.md}; {@code docs=none} leaves the file alone. Other knobs: see {@link BenchConfig}.
 */
public final class EventStorageEngineBenchmark {

    static final String COMMAND = "mvn -B -q -pl benchmarks -am package -DskipTests -Pevent-storage-benchmark";
    private static final String BEGIN = "<!-- event-storage-engine:begin -->";
    private static final String END = "<!-- event-storage-engine:end -->";
    private static final String JPA_DATABASE = "bench_ese_jpa";
    private static final String JDBC_DATABASE = "bench_ese_jdbc";
    /** Events per transaction while the store is filled for the read figures (not a measured figure). */
    private static final int FILL_BATCH = 200;
    /** Threads per store while filling; each owns every FILL_THREADS-th session aggregate. */
    private static final int FILL_THREADS = 2;

    private final BenchConfig config;
    private final String command;
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    /** Keeps the JIT from dropping work whose result nobody reads. */
    private long sink;

    private EventStorageEngineBenchmark(BenchConfig config, String command) {
        this.config = config;
        this.command = command;
    }

    public static void main(String[] args) throws Exception {
        // Axon must never phone home, not from a benchmark either.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        BenchConfig config = BenchConfig.parse(args);
        String extra = Arrays.stream(args).filter(a -> !a.isBlank()).collect(Collectors.joining(" "));
        String command = extra.isEmpty() ? COMMAND : COMMAND + " -Dbench.args=\"" + extra + "\"";
        new EventStorageEngineBenchmark(config, command).run();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        String loadBefore = loadAverage();
        Serializer serializer = new AxonMessagingConfiguration().eventSerializer();
        EventUpcasterChain upcasters = new EventUpcasterChain(new BookingCanceledEventUpcaster());
        try {
            describePayloads(serializer);
            appendPhase(serializer, upcasters);
            readPhase(serializer, upcasters);
        } finally {
            if (!config.keepDatabases()) {
                BenchStore.dropDatabase(config, JPA_DATABASE);
                BenchStore.dropDatabase(config, JDBC_DATABASE);
            }
        }
        String loadAfter = loadAverage();
        String table = table();
        System.out.println();
        System.out.println(table);
        Path docs = config.docsFile();
        if (docs != null) {
            writeSection(docs, section(started, table, loadBefore, loadAfter));
            log("wrote the section of %s", docs);
        }
        log("done in %.0f s", seconds(Duration.between(started, Instant.now()).toNanos()));
    }

    /** Part 1 on two fresh databases: booking appends, 1 and 16 threads, engines alternating. */
    private void appendPhase(Serializer serializer, EventUpcasterChain upcasters) throws Exception {
        try (BenchStore jpa = BenchStore.jpa(config, JPA_DATABASE, serializer, upcasters, config.sessions());
             BenchStore jdbc = BenchStore.jdbc(config, JDBC_DATABASE, serializer, upcasters, config.sessions())) {
            log("PostgreSQL: %s (%s)", jpa.queryString("SELECT version()"), jpa.queryString(
                    "SELECT name || '=' || setting || coalesce(unit, '') FROM pg_settings WHERE name IN"
                            + " ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections') ORDER BY name"));
            for (BenchStore store : List.of(jpa, jdbc)) {
                log("%s schema (%s.%s): %s", store.name, store.database, store.table, store.describeSchema());
            }
            for (BenchStore store : List.of(jpa, jdbc)) {
                log("warm-up %s: %d s of appends, 4 threads", store.name, config.warmupSeconds());
                append(store, 4, Duration.ofSeconds(config.warmupSeconds()));
            }
            long failed = 0;
            for (int round = 1; round <= config.rounds(); round++) {
                for (int threads : config.appendThreads()) {
                    for (BenchStore store : inTurn(jpa, jdbc, round)) {
                        AppendResult result = append(store, threads, Duration.ofSeconds(config.appendSeconds()));
                        log("round %d %-4s append %2d thread(s): %s", round, store.name, threads, result);
                        String label = "append, " + threads + (threads == 1 ? " thread" : " threads");
                        figure(label + ": tx/s", true, 0).add(store, result.perSecond());
                        figure(label + ": p50 ms/tx", false, 2).add(store, result.p50Millis());
                        figure(label + ": p99 ms/tx", false, 2).add(store, result.p99Millis());
                        failed += result.errors();
                    }
                }
            }
            notes.add(String.format(Locale.ROOT, "Appended in part 1: JPA %,d events, JDBC %,d events; failed"
                    + " appends: %d.", jpa.count(), jdbc.count(), failed));
        }
    }

    /**
     * Parts 2 and 3 on two new fresh databases holding exactly {@code stream-events} events each, stored through
     * the engines: whatever part 1 appended at its own pace does not decide how much the reads read.
     */
    private void readPhase(Serializer serializer, EventUpcasterChain upcasters) throws Exception {
        try (BenchStore jpa = BenchStore.jpa(config, JPA_DATABASE, serializer, upcasters, config.sessions());
             BenchStore jdbc = BenchStore.jdbc(config, JDBC_DATABASE, serializer, upcasters, config.sessions())) {
            List<BenchStore> stores = List.of(jpa, jdbc);
            long target = config.streamEvents();
            long fillStart = System.nanoTime();
            parallel(stores, store -> fill(store, target));
            log("filled both stores to %,d events in %.1f s (%d events per transaction, %d threads per store, both"
                    + " at once)", target, seconds(System.nanoTime() - fillStart), FILL_BATCH, FILL_THREADS);
            for (BenchStore store : stores) {
                long count = store.count();
                if (count != target) {
                    throw new IllegalStateException(store.name + " holds " + count + " events, expected " + target);
                }
                // Same physical state for both before reading: hint bits set, statistics fresh, no pending checkpoint.
                store.execute("VACUUM ANALYZE " + store.table);
            }
            jpa.execute("CHECKPOINT");

            List<String> loadIds = new ArrayList<>();
            for (int i = 0; i < config.loadAggregates(); i++) {
                loadIds.add(loadSessionId(i));
            }
            // Hibernate's read path is a lot of code for the JIT: warm both up with real work before measuring.
            for (BenchStore store : stores) {
                log("warm-up %s: %d s of aggregate loads and one whole stream", store.name, config.warmupSeconds());
                load(store, loadIds, Duration.ofSeconds(config.warmupSeconds()));
                stream(store, true);
            }
            String loadLabel = "load aggregate (" + config.aggregateEvents() + " events)";
            for (int round = 1; round <= config.rounds(); round++) {
                for (BenchStore store : inTurn(jpa, jdbc, round)) {
                    LoadResult result = load(store, loadIds, Duration.ofSeconds(config.loadSeconds()));
                    log("round %d %-4s %s", round, store.name, result);
                    figure(loadLabel + ": loads/s", true, 0).add(store, result.perSecond());
                    figure(loadLabel + ": p50 ms", false, 2).add(store, result.p50Millis());
                }
                for (boolean payloads : new boolean[] {true, false}) {
                    for (BenchStore store : inTurn(jpa, jdbc, round)) {
                        StreamResult result = stream(store, payloads);
                        if (result.events() != target) {
                            throw new IllegalStateException(store.name + " streamed " + result.events()
                                    + " events, expected " + target);
                        }
                        log("round %d %-4s stream %s", round, store.name, result);
                        figure(payloads ? "stream from start, payloads deserialized: events/s"
                                : "stream from start, payloads not touched: events/s", true, 0)
                                .add(store, result.perSecond());
                    }
                }
            }
            notes.add(String.format(Locale.ROOT, "Parts 2 and 3 ran on two new fresh databases of exactly %,d events"
                    + " each, stored through the engines (%d events per transaction).", target, FILL_BATCH));
        }
    }

    /** JPA then JDBC in odd rounds, JDBC then JPA in even ones: a drifting machine load favours neither. */
    private static List<BenchStore> inTurn(BenchStore jpa, BenchStore jdbc, int round) {
        return round % 2 == 1 ? List.of(jpa, jdbc) : List.of(jdbc, jpa);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Appends

    record AppendResult(long transactions, long errors, double seconds, long[] sortedNanos) {

        double perSecond() {
            return transactions / seconds;
        }

        double p50Millis() {
            return percentile(sortedNanos, 0.50) / 1e6;
        }

        double p99Millis() {
            return percentile(sortedNanos, 0.99) / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d tx in %.1f s = %,.0f tx/s, p50 %.2f ms, p99 %.2f ms, errors %d",
                    transactions, seconds, perSecond(), p50Millis(), p99Millis(), errors);
        }
    }

    /**
     * Threads append booking transactions until the time is up. Each picks a random session, holds its lock (as
     * Axon's aggregate lock would), appends the session's next event and a new booking's first event in one
     * {@code appendEvents} call, which runs in one transaction of the engine's transaction manager.
     */
    private AppendResult append(BenchStore store, int threads, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            AtomicLong deadline = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicReference<Exception> firstError = new AtomicReference<>();
            List<Future<LongList>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    LongList latencies = new LongList();
                    ready.countDown();
                    go.await();
                    long end = deadline.get();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        int session = random.nextInt(store.sessionSequence.length);
                        store.sessionLocks[session].lock();
                        try {
                            long sequence = store.sessionSequence[session];
                            List<DomainEventMessage<?>> events = BookingEvents.booking(session, sequence);
                            long begin = System.nanoTime();
                            store.engine.appendEvents(events);
                            latencies.add(System.nanoTime() - begin);
                            store.sessionSequence[session] = sequence + 1;
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e);
                        } finally {
                            store.sessionLocks[session].unlock();
                        }
                    }
                    return latencies;
                }));
            }
            ready.await();
            long start = System.nanoTime();
            deadline.set(start + duration.toNanos());
            go.countDown();
            LongList all = new LongList();
            for (Future<LongList> future : futures) {
                all.addAll(future.get());
            }
            long elapsed = System.nanoTime() - start;
            if (firstError.get() != null) {
                log("%s: %d failed appends, first: %s", store.name, errors.get(), firstError.get());
            }
            return new AppendResult(all.size(), errors.get(), seconds(elapsed), all.sorted());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Filling the stores for the read figures

    /**
     * Brings a fresh store to exactly {@code target} events through its engine, {@value #FILL_THREADS} threads,
     * transactions of up to {@value #FILL_BATCH} events: booking pairs spread over the session aggregates (each
     * thread its own share of the sessions), and the load-test sessions' events ({@code aggregate-events} each)
     * interleaved with them from the start by the first thread.
     */
    private void fill(BenchStore store, long target) {
        try {
            long begin = System.nanoTime();
            long from = store.count();
            long share = (target - from) / FILL_THREADS;
            List<Integer> threads = new ArrayList<>();
            for (int t = 0; t < FILL_THREADS; t++) {
                threads.add(t);
            }
            parallel(threads, t -> fillShare(store, t, t == FILL_THREADS - 1 ? target - from - share * t : share));
            log("%s: appended %,d events to fill, %.1f s", store.name, store.count() - from,
                    seconds(System.nanoTime() - begin));
        } catch (Exception e) {
            throw new IllegalStateException("filling " + store.name + " failed", e);
        }
    }

    private void fillShare(BenchStore store, int thread, long events) {
        int loadSequence = thread == 0 ? 0 : config.aggregateEvents();
        int ownSessions = store.sessionSequence.length / FILL_THREADS;
        long loadEvents = thread == 0 ? (long) config.aggregateEvents() * config.loadAggregates() : 0;
        if (events < loadEvents) {
            throw new IllegalArgumentException("stream-events is too small for the load aggregates");
        }
        int next = 0;
        long stored = 0;
        while (stored < events) {
            List<EventMessage<?>> batch = new ArrayList<>(FILL_BATCH);
            if (loadSequence < config.aggregateEvents()) {
                MetaData metaData = BookingEvents.metaData();
                for (int i = 0; i < config.loadAggregates(); i++) {
                    batch.add(BookingEvents.seatsReserved(loadSessionId(i), loadSequence,
                            "booking-load-" + i + "-" + loadSequence, metaData));
                }
                loadSequence++;
            }
            long loadStillToCome = (long) (config.aggregateEvents() - loadSequence) * config.loadAggregates();
            long room = events - stored - loadStillToCome;
            while (batch.size() + 2 <= FILL_BATCH && batch.size() + 2 <= room) {
                int session = thread + FILL_THREADS * (next++ % ownSessions);
                batch.addAll(BookingEvents.booking(session, store.sessionSequence[session]++));
            }
            if (batch.size() < FILL_BATCH && batch.size() < room) {
                int session = thread + FILL_THREADS * (next++ % ownSessions);
                batch.add(BookingEvents.seatsReserved(BookingEvents.sessionId(session),
                        store.sessionSequence[session]++, "booking-fill-odd", BookingEvents.metaData()));
            }
            if (batch.isEmpty()) {
                throw new IllegalStateException("cannot store " + events + " events, stored " + stored);
            }
            store.engine.appendEvents(batch);
            stored += batch.size();
        }
        if (loadSequence < config.aggregateEvents()) {
            throw new IllegalStateException("load sessions got only " + loadSequence + " events");
        }
    }

    private static String loadSessionId(int index) {
        return "session-load-" + index;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reads

    record LoadResult(long loads, double seconds, long[] sortedNanos) {

        double perSecond() {
            return loads / seconds;
        }

        double p50Millis() {
            return percentile(sortedNanos, 0.50) / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "load aggregate: %,d loads in %.1f s = %,.0f loads/s, p50 %.2f ms",
                    loads, seconds, perSecond(), p50Millis());
        }
    }

    /** One thread sources aggregates in turn, {@code readEvents(id)}, every payload deserialized, until time is up. */
    private LoadResult load(BenchStore store, List<String> aggregateIds, Duration duration) {
        LongList latencies = new LongList();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int next = 0;
        while (System.nanoTime() < end) {
            String id = aggregateIds.get(next++ % aggregateIds.size());
            long begin = System.nanoTime();
            DomainEventStream events = store.engine.readEvents(id);
            int count = 0;
            while (events.hasNext()) {
                sink += System.identityHashCode(events.next().getPayload());
                count++;
            }
            latencies.add(System.nanoTime() - begin);
            if (count != config.aggregateEvents()) {
                throw new IllegalStateException(store.name + " loaded " + count + " events of " + id);
            }
        }
        return new LoadResult(latencies.size(), seconds(System.nanoTime() - start), latencies.sorted());
    }

    record StreamResult(long events, double seconds, boolean payloads) {

        double perSecond() {
            return events / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %,d events in %.2f s = %,.0f events/s",
                    payloads ? "payloads deserialized" : "payloads not touched", events, seconds, perSecond());
        }
    }

    /**
     * Reads the store from the start as a tracking processor's first run does: {@code readEvents(null, false)},
     * batch by batch (the engines' default batch size, 100), gap-aware tokens computed for every event.
     */
    private StreamResult stream(BenchStore store, boolean payloads) {
        long start = System.nanoTime();
        long[] count = new long[1];
        try (Stream<? extends TrackedEventMessage<?>> events = store.engine.readEvents(null, false)) {
            events.forEach(event -> {
                count[0]++;
                sink += payloads ? System.identityHashCode(event.getPayload()) : event.trackingToken().hashCode();
            });
        }
        return new StreamResult(count[0], seconds(System.nanoTime() - start), payloads);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Figures and report

    /** One figure: a value per round and engine; the report quotes medians. */
    static final class Figure {
        final String label;
        final boolean higherIsBetter;
        final int decimals;
        final List<Double> jpa = new ArrayList<>();
        final List<Double> jdbc = new ArrayList<>();

        Figure(String label, boolean higherIsBetter, int decimals) {
            this.label = label;
            this.higherIsBetter = higherIsBetter;
            this.decimals = decimals;
        }

        void add(BenchStore store, double value) {
            ("JPA".equals(store.name) ? jpa : jdbc).add(value);
        }

        /** In how many rounds JPA did better than JDBC: each round's pair ran back to back, under the same load. */
        int jpaBetter() {
            int better = 0;
            for (int i = 0; i < Math.min(jpa.size(), jdbc.size()); i++) {
                if (higherIsBetter ? jpa.get(i) > jdbc.get(i) : jpa.get(i) < jdbc.get(i)) {
                    better++;
                }
            }
            return better;
        }
    }

    private Figure figure(String label, boolean higherIsBetter, int decimals) {
        return figures.computeIfAbsent(label, l -> new Figure(l, higherIsBetter, decimals));
    }

    private String table() {
        StringBuilder out = new StringBuilder();
        out.append("| figure | JPA (median) | JDBC (median) | JPA / JDBC | JPA better in | JPA rounds | JDBC rounds |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (Figure figure : figures.values()) {
            double jpa = BenchmarkSupport.median(figure.jpa);
            double jdbc = BenchmarkSupport.median(figure.jdbc);
            out.append("| ").append(figure.label)
                    .append(" | ").append(format(jpa, figure.decimals))
                    .append(" | ").append(format(jdbc, figure.decimals))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", jpa / jdbc))
                    .append(" | ").append(figure.jpaBetter()).append(" of ").append(figure.jpa.size())
                    .append(" | ").append(figure.jpa.stream().map(v -> format(v, figure.decimals))
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(figure.jdbc.stream().map(v -> format(v, figure.decimals))
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return out.toString();
    }

    private String section(Instant started, String table, String loadBefore, String loadAfter) {
        String cpu = cpuInfo("model name");
        long memKb = Long.parseLong(meminfo("MemTotal").replaceAll("\\D", ""));
        StringBuilder out = new StringBuilder();
        out.append(BEGIN).append('\n');
        out.append("## Event storage engine on PostgreSQL: JPA or JDBC\n\n");
        out.append(String.format(Locale.ROOT, "Measured %s on %d cores (%s), %.1f GiB, Java %s (%s); Axon %s"
                        + " (Hibernate %s, HikariCP %s, PostgreSQL JDBC %s); %s, on the same machine over TCP.\n",
                started.truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(), cpu,
                memKb / 1024.0 / 1024.0, System.getProperty("java.version"), System.getProperty("java.vm.name"),
                mavenVersion("org.axonframework", "axon-eventsourcing"), org.hibernate.Version.getVersionString(),
                mavenVersion("com.zaxxer", "HikariCP"), org.postgresql.util.DriverInfo.DRIVER_VERSION,
                postgresVersion()));
        out.append("Command: `").append(command).append("`\n\n");
        out.append(String.format(Locale.ROOT, """
                        The machine is shared with other builds (load average over 1 / 5 / 15 min: %s before the run, %s after): both \
                        engines run in one JVM, each on a fresh database of its own, alternating figure by figure \
                        over %d rounds (JPA then JDBC in odd rounds, JDBC then JPA in even ones); the table quotes \
                        the median of the rounds and the ratio of the medians. Engines wired as Axon's Boot \
                        auto-configuration does (the project's Jackson serializer and upcaster chain, Spring \
                        transaction manager, HikariCP pool of %d, Axon's default batch size 100). JPA: Hibernate \
                        creates the schema with a `bytea` dialect and `platform`'s `orm.xml` (globalIndex sequence, \
                        increment 1). JDBC: `PostgresEventTableFactory` (BIGSERIAL, `bytea`).

                        - **append**: one transaction per booking, as a create-booking command stores it: a new \
                        `Booking` aggregate's `BookingCreatedEvent` (sequence 0) and the next `SeatsReservedEvent` \
                        of one of %d `ClassSession` aggregates (its lock held meanwhile), %d s per figure and round \
                        after a %d s warm-up. p50/p99 per `appendEvents` call (one commit).
                        - **load aggregate**: `readEvents(aggregateId)` of a session with %d events, every payload \
                        deserialized, one thread, %d s per round.
                        - **stream from start**: `readEvents(null, false)` over the whole store (%,d events), as a \
                        tracking processor's first run, once with every payload deserialized, once without \
                        touching them.

                        """, loadBefore, loadAfter, config.rounds(), BenchStore.POOL_SIZE, config.sessions(),
                config.appendSeconds(), config.warmupSeconds(), config.aggregateEvents(), config.loadSeconds(),
                config.streamEvents()));
        out.append(table).append('\n');
        out.append("JPA / JDBC is the ratio of the medians: for a rate, below 1 means JPA is slower; for a time, "
                + "above 1 means JPA is slower. \"JPA better in\" counts the rounds in which JPA beat JDBC in the "
                + "back-to-back pair.\n");
        for (String note : notes) {
            out.append(note).append('\n');
        }
        out.append(END).append('\n');
        return out.toString();
    }

    private static void writeSection(Path docs, String section) throws IOException {
        String text = Files.readString(docs, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated;
        if (begin >= 0 && end > begin) {
            int after = end + END.length();
            if (after < text.length() && text.charAt(after) == '\n') {
                after++;
            }
            updated = text.substring(0, begin) + section + text.substring(after);
        } else {
            updated = text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
        }
        Files.writeString(docs, updated, StandardCharsets.UTF_8);
    }

    private void describePayloads(Serializer serializer) {
        List<DomainEventMessage<?>> sample = BookingEvents.booking(0, 0);
        for (DomainEventMessage<?> event : sample) {
            int payload = serializer.serialize(event.getPayload(), byte[].class).getData().length;
            int metaData = serializer.serialize(event.getMetaData(), byte[].class).getData().length;
            notes.add(String.format(Locale.ROOT, "`%s`: %d bytes of JSON payload, %d bytes of metadata.",
                    event.getPayloadType().getSimpleName(), payload, metaData));
            log("%s payload %d bytes, metadata %d bytes", event.getPayloadType().getSimpleName(), payload, metaData);
        }
    }

    private String postgresVersion() {
        try (var connection = BenchStore.admin(config); var statement = connection.createStatement();
             var rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            return "PostgreSQL " + rows.getString(1).split(" ")[0];
        } catch (Exception e) {
            return "PostgreSQL (version unknown)";
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Small helpers

    private static <T> void parallel(List<T> items, Consumer<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(items.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.accept(item)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String format(double value, int decimals) {
        return decimals == 0 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                String.format(Locale.ROOT, format, args));
    }

    private static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = EventStorageEngineBenchmark.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "?";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** The 1, 5 and 15 minute load averages. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/loadavg")).get(0).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private static String cpuInfo(String key) {
        return BenchmarkSupport.procValue("/proc/cpuinfo", key);
    }

    private static String meminfo(String key) {
        return BenchmarkSupport.procValue("/proc/meminfo", key);
    }

    /** A growable list of primitive longs: latencies without boxing. */
    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(LongList other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        int size() {
            return size;
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}

package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile client against every endpoint (SPEC §4: roles, errors, "Input is strict, never reinterpreted"). A seeded
 * generator starts from a request that the engine accepts (each endpoint's valid request is sent once first, and must
 * succeed) and changes one thing at a time: a body field set to another JSON type, null or left out; numbers huge,
 * tiny, negative, fractional, with exponents or too long; text with control characters (NUL, BEL, ESC, DEL, C1),
 * unpaired surrogates, invalid UTF-8 bytes or over its length; dates outside 2000-2200 or malformed; a key sent
 * twice; content after the document; nesting past the parser's depth; a truncated, empty or non-object body; another
 * content type, method or {@code Accept}; odd characters in path ids (encoded {@code /}, {@code \}, NUL, invalid
 * UTF-8, over-long); query parameters out of range; stale revisions; every wrong role, no key and malformed keys.
 * <p>
 * Every such request must be answered 4xx as {@code application/problem+json} with a {@code detail}, never 5xx,
 * and write no event (the event table is read after each case; events by the actor {@code system}, such as a
 * checkout expiring, are not the request's). A few requests are odd rather than wrong (an extreme but valid date
 * in a query, an {@code If-Match} without quotes): those may be answered 2xx, but never 5xx, and a 4xx is a
 * problem too. After a case that wrote events, {@code GET /events} must still read them.
 * <p>
 * The corpus: every endpoint × every mutation kind of its fields, body, path, parameters and roles (core values
 * always, the others drawn with probability {@code hostile.sample}, default 0.2), plus {@code hostile.cases} (default
 * 500) random cases, all drawn from the printed seed ({@code -Dhostile.seed=...}): about 4,400 cases, 10-50 s.
 * <p>
 * Run against commit 5c6d923 (before the strict-input and error-handling work) it reported 2,434 failures, among
 * them every defect that work fixed: {@code "price": {"amount": "1e1000"}} accepted and {@code GET /events}
 * answering 500 afterwards; {@code "0.001"}, {@code "1e-1000"} and {@code "10.12345678901234567890"} accepted;
 * {@code expectedRevision 1.5}, {@code participants 1.5} and {@code credits 1.5} accepted; duplicate keys (the last
 * winning) and trailing content accepted; NUL, ESC, BEL, C1 and unpaired surrogates stored; session dates in year 0
 * and +99999 accepted; 500s for {@code GET /bookings?page=2147483647&size=200}, {@code sort=,},
 * {@code GET /events?after=-1} as NDJSON and {@code GET /error}; Tomcat's HTML pages for {@code %2F}, {@code %5C},
 * {@code %00}, invalid UTF-8 and long URLs; a stale {@code If-Match} on a transition that changes nothing answered
 * 200. On the merged main it found six more, fixed with it: overlong UTF-8 stored as the character it spells, enum
 * names and dates taken with white space or NUL around them, dates as digits in a string read as epoch seconds, a
 * wildcard {@code Content-Type} answered 500, an unparseable {@code Accept} answered without a problem, and
 * availability at the ends of {@link Instant}'s range answered 500.
 * <p>
 * Webhooks, providers, the live streams and {@code X-Min-Position} were added later ({@code newerEndpoints}): their
 * 400s must also name the field, parameter or header in {@code field}, and a refused request must leave the webhook
 * rows as they were. Streams never end, so only the head of an opened one is read. Against the merge that brought
 * them it found: a webhook {@code url} with a lone surrogate or U+202E stored; {@code "eventTypes": []} accepted (a
 * webhook for nothing); {@code X-Min-Position}, {@code Last-Event-ID} and {@code lastEventId} taken as {@code +1},
 * {@code " 1 "}, {@code 1%00} (trimmed) and Arabic-Indic digits; {@code GET /bookings?providerId=} with NUL, BEL,
 * ESC, C1 or 101 characters answered 200.
 */
class HostileInputTest extends EngineTest {

    private static final long SEED = Long.getLong("hostile.seed", 20261130L);
    private static final int RANDOM_CASES = Integer.getInteger("hostile.cases", 500);
    private static final double SAMPLE = Double.parseDouble(System.getProperty("hostile.sample", "0.2"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEYS = List.of(Api.OWNER, Api.BOOKER, Api.PAYMENTS, Api.AUDITOR, Api.OPERATOR);
    private static final String MISSING = "@@MISSING@@";
    private static final Pattern BYTES = Pattern.compile("@@B:([0-9a-f]+)@@");
    private static final int MAX_BODY = 65536;

    /** What a case must get. */
    enum Expect {
        /** The unchanged valid request: 2xx. */
        VALID,
        /** 4xx problem+json with a detail, and no event written. */
        REFUSED,
        /** Odd but not wrong: anything but a 5xx; a 4xx is a problem+json. */
        ANSWERED
    }

    /** A request as it goes over the socket: the target exactly as written, headers, body bytes (null: none). */
    record Request(String method, String target, List<String[]> headers, byte[] body) {
        String summary() {
            String text = body == null ? "" : " " + new String(body, StandardCharsets.UTF_8);
            String line = method + " " + target + headers.stream().filter(h -> !h[0].equals("Authorization")
                    || !h[1].startsWith("Bearer dev-")).map(h -> " [" + h[0] + ": " + h[1] + "]")
                    .collect(Collectors.joining()) + text;
            return cut(line, 300);
        }
    }

    /** One case: how to build its request (from the fixtures of the moment) and what it must get. */
    record Case(String endpoint, String kind, String what, Expect expect, Set<Integer> statuses,
                Function<Fixtures, Request> request) {
    }

    /**
     * A changed value: its label, its raw JSON text (or query text), and what it must get. A core value is always
     * sent; the others of a field are drawn with probability {@code hostile.sample} (and by the random cases).
     */
    record Value(String label, String raw, Expect expect, boolean core) {
        static Value bad(String label, String raw) {
            return new Value(label, raw, Expect.REFUSED, true);
        }

        static Value odd(String label, String raw) {
            return new Value(label, raw, Expect.ANSWERED, true);
        }

        /** The same value, drawn rather than always sent. */
        Value drawn() {
            return new Value(label, raw, expect, false);
        }
    }

    static List<Value> drawn(List<Value> values) {
        return values.stream().map(Value::drawn).toList();
    }

    private static final List<String> failures = new ArrayList<>();
    private static final List<String> oddAnswers = new ArrayList<>();
    private static final Map<String, Integer> kindCounts = new LinkedHashMap<>();
    private static int cases;
    private static long startedNanos;
    private static Fixtures fixtures;
    private static Wire wire;
    private static Events events;
    private static long firstPosition;
    private static long sendNanos;
    private static long eventNanos;
    private static long fixtureNanos;
    /** The endpoints whose 400s for a field, parameter or header must name it ({@code Endpoint.namesFields}). */
    private static final Set<String> naming = new java.util.HashSet<>();

    // ---- the run ----------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyEndpointRefusesHostileInput() {
        wire = new Wire(engine.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        events = new Events(new JdbcTemplate(engine.getBean(DataSource.class)));
        fixtures = new Fixtures();
        firstPosition = events.head;
        Random random = new Random(SEED);
        List<Endpoint> endpoints = endpoints();
        Map<String, List<Case>> corpus = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            if (endpoint.namesFields) {
                naming.add(endpoint.name);
            }
            corpus.put(endpoint.name, endpoint.corpus(random));
        }
        for (int i = 0; i < RANDOM_CASES; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            corpus.get(endpoint.name).add(endpoint.randomCase(random));
        }
        int total = corpus.values().stream().mapToInt(List::size).sum();
        System.out.printf("HostileInputTest: seed %d (-Dhostile.seed=%d), %d endpoints, %d cases (%d random, "
                + "-Dhostile.cases=%d)%n", SEED, SEED, endpoints.size(), total, RANDOM_CASES, RANDOM_CASES);
        startedNanos = System.nanoTime();
        Stream<DynamicTest> perEndpoint = corpus.entrySet().stream().map(entry -> DynamicTest.dynamicTest(
                entry.getKey(), () -> run(entry.getKey(), entry.getValue())));
        return Stream.concat(perEndpoint, Stream.of(DynamicTest.dynamicTest("every event written reads back",
                HostileInputTest::everyEventReadsBack)));
    }

    @AfterAll
    static void report() {
        if (startedNanos == 0) {
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        System.out.printf("HostileInputTest: seed %d, %d cases in %.1f s (requests %.1f s, event reads %.1f s, "
                + "fixtures %.1f s), %d failures; cases by kind: %s%n", SEED, cases, took.toMillis() / 1000.0,
                sendNanos / 1e9, eventNanos / 1e9, fixtureNanos / 1e9, failures.size(), kindCounts);
        oddAnswers.forEach(line -> System.out.println("HostileInputTest: answered " + line));
        failures.forEach(line -> System.out.println("HostileInputTest: FAILED " + line));
        if (fixtures != null) {
            fixtures.close();
            wire.close();
        }
    }

    private static void run(String endpoint, List<Case> list) {
        int failuresBefore = failures.size();
        for (Case c : list) {
            check(c);
        }
        List<String> mine = failures.subList(failuresBefore, failures.size());
        assertThat(mine).as("%s: %d of %d cases failed (seed %d), the first:%n%s", endpoint, mine.size(), list.size(),
                SEED, String.join("\n", mine.subList(0, Math.min(25, mine.size())))).isEmpty();
    }

    private static void check(Case c) {
        cases++;
        kindCounts.merge(c.kind().split(" ")[0], 1, Integer::sum);
        long t0 = System.nanoTime();
        fixtures.ready();
        Request request = c.request().apply(fixtures);
        long before = events.head;
        long webhookRows = events.webhookRows(fixtures.webhook);
        long t1 = System.nanoTime();
        Answer answer;
        try {
            answer = wire.send(request);
        } catch (RuntimeException e) {
            fail(c, request, null, "no answer: " + e);
            return;
        }
        long t2 = System.nanoTime();
        List<String> written = events.written();
        fixtureNanos += t1 - t0;
        sendNanos += t2 - t1;
        eventNanos += System.nanoTime() - t2;
        int status = answer.status();
        String label = c.endpoint() + " | " + c.kind() + " | " + c.what();
        if (status >= 500) {
            fail(c, request, answer, "answered " + status);
        } else if (c.expect() == Expect.VALID && (status < 200 || status > 299)) {
            fail(c, request, answer, "the valid request was refused (" + status + ")");
        } else if (c.expect() == Expect.REFUSED && (status < 400 || status > 499)) {
            fail(c, request, answer, "not refused: " + status);
        } else if (c.expect() == Expect.REFUSED && !c.statuses().isEmpty() && !c.statuses().contains(status)) {
            fail(c, request, answer, "answered " + status + ", not " + c.statuses());
        }
        if (status >= 400) {
            String problem = problemDefect(answer);
            if (problem == null && status == 400 && naming.contains(c.endpoint())) {
                problem = fieldDefect(c, answer);
            }
            if (problem != null) {
                fail(c, request, answer, problem);
            }
        }
        long webhookRowsAfter = events.webhookRows(fixtures.webhook);
        if (webhookRowsAfter != webhookRows && (status >= 300 || c.expect() == Expect.REFUSED)) {
            fail(c, request, answer, "changed the webhook rows: " + webhookRows + " -> " + webhookRowsAfter);
        }
        if (c.endpoint().startsWith("DELETE /webhooks") && status < 300) {
            fixtures.deletable = null;
        }
        if (!written.isEmpty() && c.expect() != Expect.VALID && !(c.expect() == Expect.ANSWERED && status < 300)) {
            fail(c, request, answer, "wrote " + written.size() + " event(s): " + written);
        }
        if (!written.isEmpty()) {
            Answer read = wire.send(new Request("GET", "/api/v1/events?limit=1000&after=" + before,
                    List.<String[]>of(auth(Api.AUDITOR)), null));
            if (read.status() != 200) {
                fail(c, request, answer, "afterwards GET /events answers " + read.status() + ": "
                        + cut(read.text(), 150));
            }
        }
        if (c.expect() == Expect.ANSWERED && (status < 400 || !written.isEmpty())) {
            oddAnswers.add(label + " -> " + status);
        }
        if (!written.isEmpty()) {
            fixtures.touched(events.aggregates, written);
        }
    }

    private static String problemDefect(Answer answer) {
        String type = answer.header("content-type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "a " + answer.status() + " as " + type + ", not problem+json";
        }
        JsonNode problem = answer.json();
        if (problem == null || !problem.isObject()) {
            return "a problem that is no JSON object";
        }
        if (problem.path("detail").asText("").isBlank()) {
            return "a problem without a detail";
        }
        if (problem.path("status").asInt() != answer.status()) {
            return "a problem whose status " + problem.path("status") + " is not the answer's " + answer.status();
        }
        return null;
    }

    /**
     * A 400 for a changed field, parameter or header names it in {@code field}: a body field by its JSON path (or a
     * path inside it), a header by its name; a parameter by a name (the value may bring other parameters along).
     */
    private static final List<String> SYNTAX = List.of("invalid UTF-8", "overlong UTF-8", "UTF-8 of a surrogate",
            "lone continuation byte", "truncated UTF-8", "beyond U+10FFFF", "five-byte UTF-8", "raw NUL byte",
            "raw line feed", "C1 NEL as UTF-8", "C1 CSI as UTF-8", "NaN", "Infinity", "101 digits", "hexadecimal",
            "a leading zero", "a plus sign", "a huge exponent");

    private static String fieldDefect(Case c, Answer answer) {
        String field = answer.json().path("field").asText("");
        String kind = c.kind().replaceFirst("^random ", "");
        if (kind.startsWith("field ")) {
            if (SYNTAX.stream().anyMatch(c.what()::startsWith)) {
                return null; // the body is no JSON (or no UTF-8) at all: refused before any field is read
            }
            String path = kind.substring("field ".length());
            if (field.equals(path) || field.startsWith(path + ".") || field.startsWith(path + "[")
                    || c.what().contains("duplicate") || c.what().contains("deeply nested")
                    || c.what().equals("left out") && path.startsWith(field + "[")) { // the list left empty
                return null;
            }
            return "a 400 for " + path + " naming " + (field.isEmpty() ? "no field" : "the field '" + field + "'");
        }
        if (kind.startsWith("header ")) {
            String header = kind.substring("header ".length());
            return field.equalsIgnoreCase(header) ? null : "a 400 for the header " + header + " naming "
                    + (field.isEmpty() ? "no field" : "the field '" + field + "'");
        }
        if (kind.startsWith("parameter ") && field.isEmpty()) {
            return "a 400 for the parameter " + kind.substring("parameter ".length()) + " naming no field";
        }
        return null;
    }

    private static void fail(Case c, Request request, Answer answer, String problem) {
        failures.add(String.format("[%s | %s | %s] %s%n    request: %s%n    answer:  %s", c.endpoint(), c.kind(),
                c.what(), problem, request.summary(), answer == null ? "-"
                        : answer.status() + " " + answer.header("content-type") + " " + cut(answer.text(), 200)));
    }

    /** Every event the run wrote (odd requests that were accepted, the fixtures) still reads back, page by page. */
    private static void everyEventReadsBack() {
        long after = firstPosition;
        while (true) {
            Answer page = wire.send(new Request("GET", "/api/v1/events?limit=1000&after=" + after,
                    List.<String[]>of(auth(Api.AUDITOR)), null));
            assertThat(page.status()).as(cut(page.text(), 300)).isEqualTo(200);
            JsonNode read = page.json().path("events");
            if (read.isEmpty()) {
                return;
            }
            after = page.json().path("next").asLong();
        }
    }

    // ---- the endpoints ----------------------------------------------------------------------------------------

    private static List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        List<String> owner = List.of(Api.OWNER);
        List<String> booker = List.of(Api.BOOKER, Api.OWNER);

        all.add(new Endpoint("POST /services (class)", "POST", "/services", null, owner)
                .body(f -> f.classServiceBody()).fields(serviceFields(true)).fields(List.of(
                        field("capacity", whole(1, 100_000L, false)), field("sessions", list(1000, false)),
                        field("sessions[0]", element()),
                        field("sessions[0].sessionId", pattern(64, false)),
                        field("sessions[0].start", instant(true)), field("sessions[0].end", instant(true)),
                        field("sessions[0].capacity", whole(1, 100_000L, false)),
                        field("slotMinutes", List.of(Value.bad("slot minutes on a class", "30"))))));
        all.add(new Endpoint("POST /services (appointment)", "POST", "/services", null, owner)
                .body(f -> f.appointmentServiceBody()).fields(List.of(
                        field("serviceId", pattern(64, false)), field("type", enumeration("APPOINTMENT", true)),
                        field("workingHours", list(100, false)), field("workingHours[0]", element()),
                        field("workingHours[0].day", day()), field("workingHours[0].start", time()),
                        field("workingHours[0].end", time()), field("slotMinutes", whole(5, 1440L, false)),
                        field("policy.bufferMinutes", whole(0, null, false)),
                        field("capacity", List.of(Value.bad("two providers", "2"))))));
        all.add(new Endpoint("POST /services (course)", "POST", "/services", null, owner)
                .body(f -> f.courseServiceBody()).fields(List.of(
                        field("serviceId", pattern(64, false)), field("sessions", list(1000, true)),
                        field("sessions[1].start", instant(true)), field("sessions[2].end", instant(true)),
                        field("capacity", whole(1, 100_000L, false)))));
        all.add(new Endpoint("PUT /services/{id}", "PUT", "/services/{id}", f -> f.putService, owner)
                .body(f -> f.updateServiceBody()).fields(serviceFields(false)).fields(List.of(
                        field("type", List.of(Value.bad("another type", "\"COURSE\""), Value.bad("number", "1"))),
                        field("timeZone", List.of(Value.bad("another zone", "\"America/New_York\""))))));
        all.add(new Endpoint("POST /services/{id}/sessions", "POST", "/services/{id}/sessions",
                f -> f.classService, owner).body(f -> f.sessionBody()).fields(List.of(
                field("sessionId", pattern(64, false)), field("start", instant(true)), field("end", instant(true)),
                field("capacity", whole(1, 100_000L, false)))));
        all.add(new Endpoint("POST /services/{id}/sessions (weekly)", "POST", "/services/{id}/sessions",
                f -> f.classService, owner).body(f -> f.weeklyBody()).fields(List.of(
                field("weekly", object(false)), field("weekly.days", list(7, true)), field("weekly.days[0]", day()),
                field("weekly.start", time()), field("weekly.end", time()), field("weekly.from", date()),
                field("weekly.until", date()), field("capacity", whole(1, 100_000L, false)))));
        all.add(new Endpoint("POST /coupons (percent)", "POST", "/coupons", null, owner)
                .body(f -> f.percentCouponBody()).fields(List.of(
                        field("code", pattern(50, true)), field("percentOff", whole(1, 100L, false)),
                        field("validUntil", instant(false)), field("maxUses", whole(1, null, false)),
                        field("amountOff", List.of(Value.bad("both kinds of discount",
                                "{\"amount\":\"5.00\",\"currency\":\"EUR\"}"))))));
        all.add(new Endpoint("POST /coupons (amount)", "POST", "/coupons", null, owner)
                .body(f -> f.amountCouponBody()).fields(List.of(
                        field("amountOff", object(false)), field("amountOff.amount", amount()),
                        field("amountOff.currency", currency()))));
        all.add(new Endpoint("POST /members/{contactId}/plans", "POST", "/members/{id}/plans", f -> f.fresh("hc"),
                owner).anyTextId().body(f -> f.planBody()).fields(List.of(
                field("planId", pattern(50, false)), field("name", text(200, true)),
                field("credits", whole(1, 100_000L, true)), field("serviceIds", list(100, true)),
                field("serviceIds[0]", text(100, true)))));
        all.add(new Endpoint("POST /bookings (class)", "POST", "/bookings", null, booker)
                .body(f -> f.classBookingBody()).fields(bookingFields()).fields(List.of(
                        field("sessionId", text(100, false)),
                        field("participants", List.of(Value.bad("more than the policy's 5", "6"))))));
        all.add(new Endpoint("POST /bookings (appointment)", "POST", "/bookings", null, booker)
                .body(f -> f.appointmentBookingBody()).fields(List.of(
                        field("start", instant(false)), field("end", instant(false)),
                        field("serviceId", text(100, true)),
                        field("start", List.of(Value.bad("off the grid", "\"2030-01-07T09:07:00Z\""))))));
        all.add(new Endpoint("POST /bookings (course)", "POST", "/bookings", null, booker)
                .body(f -> f.courseBookingBody()).fields(List.of(
                        field("participants", whole(1, 1000L, false)), field("contact.email", email()))));
        all.add(transition("confirm", owner, f -> f.pending, f -> f.confirmed, 1));
        all.add(transition("decline", owner, f -> f.pending, null, 0));
        all.add(transition("cancel", booker, f -> f.confirmed, f -> f.canceled, 2));
        all.add(transition("mark-paid", owner, f -> f.confirmed, f -> f.paid, 2));
        all.add(transition("payment-failed", List.of(Api.PAYMENTS), f -> f.checkout, null, 0));
        all.add(new Endpoint("POST /bookings/{id}/payment-approved", "POST", "/bookings/{id}/payment-approved",
                f -> f.checkout, List.of(Api.PAYMENTS)).revision(null, 0).body(f -> f.approvalBody()).fields(List.of(
                field("transactionId", text(200, true)), field("expectedRevision", revision()))));
        all.add(new Endpoint("POST /bookings/{id}/reschedule", "POST", "/bookings/{id}/reschedule",
                f -> f.confirmed, booker).revision(null, 0).body(f -> f.rescheduleBody()).fields(List.of(
                field("sessionId", text(100, false)), field("expectedRevision", revision()))));
        all.add(new Endpoint("POST /bookings/{id}/reschedule (appointment)", "POST", "/bookings/{id}/reschedule",
                f -> f.appointment, booker).body(f -> f.appointmentRescheduleBody()).fields(List.of(
                field("start", instant(true)), field("end", instant(true)))));
        all.add(new Endpoint("POST /bookings/{id}/participants", "POST", "/bookings/{id}/participants",
                f -> f.confirmed, booker).revision(null, 0).body(f -> f.participantsBody()).fields(List.of(
                field("participants", whole(1, 1000L, true)), field("expectedRevision", revision()),
                field("participants", List.of(Value.bad("more than the policy's 5", "6"))))));
        all.add(new Endpoint("POST /availability/check", "POST", "/availability/check", null, KEYS)
                .body(f -> f.checkBody()).fields(List.of(
                        field("serviceId", typesOf("string", true)), field("sessionId", typesOf("string", false)),
                        field("start", rangeIsOdd(instant(false))), field("participants", whole(1, 1000L, false)),
                        field("course", bool()))));

        all.add(new Endpoint("POST /availability/check (appointment)", "POST", "/availability/check", null, KEYS)
                .body(f -> f.appointmentCheckBody()).fields(List.of(field("start", rangeIsOdd(instant(true))),
                        field("end", rangeIsOdd(instant(true))), field("participants", whole(1, 1000L, false)))));
        all.add(new Endpoint("GET /services", "GET", "/services", null, KEYS));
        all.add(new Endpoint("GET /services/{id}", "GET", "/services/{id}", f -> f.classService, KEYS));
        all.add(new Endpoint("GET /availability", "GET", "/availability", null, KEYS)
                .query(f -> "serviceId=" + f.classService + "&from=" + f.now() + "&to=" + f.now().plus(30,
                        ChronoUnit.DAYS) + "&participants=1")
                .params(availabilityParams()));
        all.add(new Endpoint("GET /checkout-options", "GET", "/checkout-options", null, booker)
                .query(f -> "serviceId=" + f.classService + "&contactId=hc-1").params(List.of(
                        param("serviceId", List.of(Value.bad("missing", MISSING), Value.bad("empty", ""),
                                Value.bad("blank", "%20"), Value.bad("unknown", "nope-" + UUID.randomUUID()))),
                        param("contactId", List.of(Value.bad("missing", MISSING), Value.bad("empty", ""),
                                Value.bad("blank", "%20"), Value.odd("NUL", "a%00b"),
                                Value.odd("lone surrogate", "%ED%A0%80"), Value.odd("long", "x".repeat(500)))))));
        all.add(new Endpoint("GET /calendar/services/{id}.ics", "GET", "/calendar/services/{id}.ics",
                f -> f.classService, owner).query(f -> "providerId=p-1").params(List.of(
                        param("providerId", List.of(Value.bad("NUL", "a%00b"), Value.bad("BEL", "%07"),
                                Value.odd("invalid UTF-8", "%FF"), Value.bad("long", "x".repeat(101)),
                                Value.odd("empty", ""), Value.odd("missing", MISSING))))));
        all.add(new Endpoint("GET /bookings", "GET", "/bookings", null, List.of(Api.OWNER, Api.AUDITOR))
                .query(f -> "serviceId=" + f.classService + "&page=0&size=20&sort=start,desc").params(listParams()));
        all.add(new Endpoint("GET /bookings/{id}", "GET", "/bookings/{id}", f -> f.confirmed,
                List.of(Api.OWNER, Api.AUDITOR, Api.BOOKER)).query(f -> "asOf=" + f.now().plusSeconds(60))
                .params(List.of(param("asOf", instantParam()))));
        all.add(new Endpoint("GET /bookings/{id}/history", "GET", "/bookings/{id}/history", f -> f.confirmed,
                List.of(Api.OWNER, Api.AUDITOR)));
        all.add(new Endpoint("GET /events", "GET", "/events", null, List.of(Api.AUDITOR))
                .query(f -> "after=" + events.head + "&limit=10").params(eventParams(true)));
        all.add(new Endpoint("GET /events (NDJSON)", "GET", "/events", null, List.of(Api.AUDITOR))
                .header("Accept", "application/x-ndjson").query(f -> "after=" + events.head + "&limit=10")
                .params(eventParams(false)));
        all.add(new Endpoint("GET /events (NDJSON or problem)", "GET", "/events", null, List.of(Api.AUDITOR))
                .header("Accept", "application/x-ndjson, application/problem+json")
                .query(f -> "after=" + events.head + "&limit=10").params(eventParams(false)));
        all.add(new Endpoint("GET /audit/verify", "GET", "/audit/verify", null, List.of(Api.AUDITOR, Api.OWNER))
                .query(f -> "aggregateId=" + f.confirmed).params(List.of(param("aggregateId", List.of(
                        Value.bad("unknown", "nope-" + UUID.randomUUID()), Value.odd("NUL", "a%00b"),
                        Value.odd("invalid UTF-8", "%FF"), Value.odd("long", "x".repeat(2000)))))));
        all.add(new Endpoint("GET /admin/processors", "GET", "/admin/processors", null, List.of(Api.OPERATOR)));
        all.add(new Endpoint("GET /admin/processors/{name}", "GET", "/admin/processors/{id}", f -> "bookings",
                List.of(Api.OPERATOR)));
        all.add(new Endpoint("GET /admin/processors/{name}/dead-letters", "GET",
                "/admin/processors/{id}/dead-letters", f -> "bookings", List.of(Api.OPERATOR)));
        // a replay is not sent as the valid request: the engine is shared, its projections would rebuild under others
        all.add(new Endpoint("POST /admin/processors/{name}/replay", "POST", "/admin/processors/{id}/replay",
                f -> "bookings", List.of(Api.OPERATOR)).noControl());
        all.add(new Endpoint("POST /admin/processors/{name}/dead-letters/retry", "POST",
                "/admin/processors/{id}/dead-letters/retry", f -> "bookings", List.of(Api.OPERATOR)).noControl());
        all.addAll(newerEndpoints(owner, booker));
        all.add(new Endpoint("GET /error", "GET", "/error", null, List.of()).root().noControl());
        return all;
    }

    /** Webhooks, providers, live streams and {@code X-Min-Position} (merged after the suite was first written). */
    private static List<Endpoint> newerEndpoints(List<String> owner, List<String> booker) {
        List<Endpoint> all = new ArrayList<>();
        all.add(new Endpoint("POST /webhooks", "POST", "/webhooks", null, owner).body(f -> f.webhookBody())
                .namesFields().fields(List.of(field("url", url()), field("eventTypes", list(100, false)),
                        field("eventTypes[0]", text(100, true)),
                        field("eventTypes[0]", List.of(Value.bad("unknown type", "\"NopeEvent\""),
                                Value.bad("lower case", "\"waitlistleftevent\""))),
                        field("description", text(500, false)))));
        all.add(new Endpoint("GET /webhooks", "GET", "/webhooks", null, owner).namesFields().minPosition());
        all.add(new Endpoint("DELETE /webhooks/{id}", "DELETE", "/webhooks/{id}", f -> f.deletable, owner)
                .namesFields().minPosition());
        all.add(new Endpoint("GET /webhooks/{id}/deliveries", "GET", "/webhooks/{id}/deliveries",
                f -> f.webhook, owner).namesFields().minPosition().query(f -> "status=PARKED&limit=10")
                .params(List.of(param("status", List.of(Value.bad("unknown", "FOO"), Value.bad("lower case", "parked"),
                                Value.bad("ordinal", "0"), Value.odd("NUL (trimmed away)", "PARKED%00"),
                                Value.odd("empty", ""))),
                        param("limit", List.of(Value.bad("zero", "0"), Value.bad("negative", "-1"),
                                Value.bad("over 500", "501"), Value.bad("text", "x"), Value.bad("fraction", "1.5"),
                                Value.bad("beyond int", "2147483648"), Value.bad("exponent", "1e2"),
                                Value.bad("NUL", "1%00"), Value.odd("empty", ""))))));
        // no parked delivery to retry in the shared engine: every case is refused (404 for the valid one)
        all.add(new Endpoint("POST /webhooks/{id}/deliveries/{deliveryId}/retry (webhook id)", "POST",
                "/webhooks/{id}/deliveries/1/retry", f -> f.webhook, owner).namesFields().noControl());
        all.add(new Endpoint("POST /webhooks/{id}/deliveries/{deliveryId}/retry", "POST",
                "/webhooks/" + fixtures.webhook + "/deliveries/{id}/retry", f -> "1", owner).namesFields()
                .noControl());
        all.add(new Endpoint("POST /webhooks/{id}/replay", "POST", "/webhooks/{id}/replay", f -> f.webhook, owner)
                .namesFields().body(f -> f.replayBody()).fields(List.of(field("fromPosition", fromPosition()))));
        all.add(new Endpoint("POST /services (appointment, providers)", "POST", "/services", null, owner)
                .body(f -> f.providerServiceBody()).namesFields().fields(providerFields()));
        all.add(new Endpoint("PUT /services/{id} (providers)", "PUT", "/services/{id}", f -> f.providerService, owner)
                .body(f -> f.updateProviderServiceBody()).namesFields().fields(providerFields()).fields(List.of(
                        field("providers[1].providerId", List.of(Value.bad("left out on an update", MISSING))))));
        all.add(new Endpoint("POST /bookings (provider)", "POST", "/bookings", null, booker)
                .body(f -> f.providerBookingBody()).namesFields().fields(List.of(field("providerId", providerId()))));
        all.add(new Endpoint("POST /bookings/{id}/reschedule (provider)", "POST", "/bookings/{id}/reschedule",
                f -> f.providerBooking, booker).body(f -> f.providerRescheduleBody()).namesFields()
                .fields(List.of(field("providerId", providerId()))));
        all.add(new Endpoint("POST /availability/check (provider)", "POST", "/availability/check", null, KEYS)
                .body(f -> f.providerCheckBody()).namesFields().fields(List.of(field("providerId", providerId()))));
        all.add(new Endpoint("GET /availability (provider)", "GET", "/availability", null, KEYS).namesFields()
                .minPosition().query(f -> "serviceId=" + f.providerService + "&from=" + f.now() + "&to="
                        + f.now().plus(7, ChronoUnit.DAYS) + "&providerId=p-1")
                .params(List.of(param("providerId", providerIdParam()))));
        all.add(new Endpoint("GET /bookings (provider)", "GET", "/bookings", null, List.of(Api.OWNER, Api.AUDITOR))
                .namesFields().minPosition().query(f -> "serviceId=" + f.providerService + "&providerId=p-1")
                .params(List.of(param("providerId", providerIdParam()))));
        all.add(new Endpoint("GET /stream/bookings", "GET", "/stream/bookings", null, List.of(Api.OWNER, Api.AUDITOR))
                .namesFields().minPosition().lastEventId().query(f -> "status=CONFIRMED&serviceId=" + f.classService)
                .params(List.of(param("status", List.of(Value.bad("unknown", "FOO"), Value.bad("lower case",
                                "confirmed"), Value.bad("ordinal", "0"))),
                        param("from", List.of(Value.bad("not an instant", "yesterday"), Value.bad("a date",
                                "2030-01-01"), Value.bad("no such day", "2030-02-30T00:00:00Z"),
                                Value.bad("no offset", "2030-01-01T10:00:00"), Value.bad("NUL",
                                        "2030-01-01T00:00:00Z%00"))),
                        param("to", List.of(Value.bad("before from", "2000-01-01T00:00:00Z&from=2030-01-01T00:00:00Z"),
                                Value.bad("equal to from", "2030-01-01T00:00:00Z&from=2030-01-01T00:00:00Z"),
                                Value.bad("not an instant", "tomorrow"))),
                        param("lastEventId", positions()))));
        all.add(new Endpoint("GET /stream/availability", "GET", "/stream/availability", null, KEYS).namesFields()
                .minPosition().query(f -> "serviceId=" + f.classService + "&from=" + f.now() + "&to="
                        + f.now().plus(30, ChronoUnit.DAYS) + "&participants=1")
                .params(availabilityParams().subList(0, 4)));
        return all;
    }

    /** A position in a body: whole, 0 or more, a long; one beyond the store's head just replays nothing. */
    static List<Value> fromPosition() {
        List<Value> values = new ArrayList<>(whole(0, null, true).stream().filter(v -> !v.label().equals("beyond int")
                && !v.label().equals("the largest int")).toList());
        values.addAll(List.of(Value.odd("beyond int", "2147483648"), Value.odd("the largest long", "9223372036854775807"),
                Value.bad("below long", "-9223372036854775809")));
        return values;
    }

    /** Event positions (a query parameter or header): a whole number, 0 or more, digits only. */
    static List<Value> positions() {
        return List.of(Value.bad("negative", "-1"), Value.bad("text", "x"), Value.bad("fraction", "1.5"),
                Value.bad("a plus sign", "%2B1"), Value.bad("spaces around", "%201%20"), Value.bad("exponent", "1e3"),
                Value.bad("hexadecimal", "0x1"), Value.bad("beyond long", "9223372036854775808"),
                Value.bad("Arabic-Indic digit", "%D9%A1"), Value.bad("NUL", "1%00"), Value.bad("empty", ""));
    }

    static List<Value> url() {
        List<Value> values = new ArrayList<>();
        for (String[] u : new String[][]{{"not a URL", "not a url"}, {"no scheme", "//example.com/hook"},
                {"ftp", "ftp://example.com/hook"}, {"javascript", "javascript:alert(1)"}, {"no host", "http:///hook"},
                {"credentials", "http://user:pw@127.0.0.1:9/hook"}, {"a space", "http://127.0.0.1:9/a hook"},
                {"over 2000", "http://127.0.0.1:9/" + "x".repeat(2000)}, {"empty", ""}, {"blank", "   "},
                {"NUL", "http://127.0.0.1:9/ho\\u0000ok"}, {"line feed", "http://127.0.0.1:9/ho\\nok"},
                {"C1 NEL", "http://127.0.0.1:9/ho\\u0085ok"}, {"DEL", "http://127.0.0.1:9/ho\\u007fok"},
                {"lone surrogate", "http://127.0.0.1:9/ho\\ud800ok"},
                {"lone surrogate in the host", "http://exa\\ud800mple.com/hook"},
                {"bidi override", "http://127.0.0.1:9/ho\\u202eok"}}) {
            values.add(Value.bad(u[0], "\"" + u[1] + "\""));
        }
        values.add(Value.bad("overlong UTF-8 slash", "\"http://127.0.0.1:9@@B:c0af@@hook\""));
        values.add(Value.bad("invalid UTF-8", "\"http://127.0.0.1:9/@@B:ff@@hook\""));
        values.addAll(typesOf("string", true));
        return values;
    }

    /** {@code providerId} in a body: an id (plain text, at most 100) the service must know. */
    static List<Value> providerId() {
        List<Value> values = new ArrayList<>(text(100, false));
        values.add(Value.bad("unknown", "\"nope-" + UUID.randomUUID() + "\""));
        return values;
    }

    static List<Value> providerIdParam() {
        return List.of(Value.bad("NUL", "p-1%00"), Value.bad("BEL", "%07"), Value.bad("ESC", "%1B%5B2J"),
                Value.bad("C1", "%C2%85"), Value.odd("UTF-8 of a surrogate (read as U+FFFD)", "%ED%A0%80"), Value.bad("long",
                        "x".repeat(101)), Value.odd("invalid UTF-8", "%FF"), Value.odd("unknown", "nope"),
                Value.odd("empty", ""), Value.odd("missing", MISSING));
    }

    /** {@code providers} of an appointment service (the body lists two, the second with its own hours). */
    private static List<Field> providerFields() {
        return List.of(field("providers", list(100, false)), field("providers[0]", element()),
                field("providers[0].providerId", pattern(64, false)),
                field("providers[0].name", text(200, true)), field("providers[1].workingHours", list(100, false)),
                field("providers[1].workingHours[0]", element()), field("providers[1].workingHours[0].day", day()),
                field("providers[1].workingHours[0].start", time()), field("providers[1].workingHours[0].end", time()),
                field("providers", List.of(Value.bad("an id twice",
                        "[{\"providerId\":\"p-1\",\"name\":\"A\"},{\"providerId\":\"p-1\",\"name\":\"B\"}]"))));
    }

    private static Endpoint transition(String name, List<String> keys, Function<Fixtures, String> target,
                                       Function<Fixtures, String> noOpTarget, int noOpRevision) {
        return new Endpoint("POST /bookings/{id}/" + name, "POST", "/bookings/{id}/" + name, target, keys)
                .revision(noOpTarget, noOpRevision).optionalBody().body(f -> f.transitionBody())
                .fields(List.of(field("expectedRevision", revision()), field("reason", text(500, false))));
    }

    /** The fields of POST /services and PUT /services/{id} (a class service's). */
    private static List<Field> serviceFields(boolean create) {
        List<Field> fields = new ArrayList<>(List.of(
                field("name", text(200, true)), field("location", text(500, false)),
                field("price", object(true)), field("price.amount", amount()), field("price.currency", currency()),
                field("paymentOptions", list(null, true)), field("paymentOptions[0]", enumeration("IN_PERSON", false)),
                field("requiresApproval", bool()), field("formFields", list(50, false)),
                field("formFields[0]", element()), field("formFields[0].name", text(100, false)),
                field("formFields[0].required", typesOf("boolean", false)),
                field("policy", object(false)), field("policy.minNoticeMinutes", whole(0, null, false)),
                field("policy.maxAdvanceDays", whole(1, null, false)),
                field("policy.cancellationWindowMinutes", whole(0, null, false)),
                field("policy.maxParticipantsPerBooking", whole(1, null, false)),
                field("policy.waitlistCapacity", whole(0, null, false)),
                field("policy.checkoutTimeoutMinutes", whole(1, null, false))));
        if (create) {
            fields.add(field("serviceId", pattern(64, false)));
            fields.add(field("type", enumeration("CLASS", true)));
            fields.add(field("timeZone", zone()));
        }
        return fields;
    }

    private static List<Field> bookingFields() {
        return List.of(field("bookingId", uuid()), field("serviceId", text(100, true)),
                field("participants", whole(1, 1000L, false)), field("contact", object(true)),
                field("contact.contactId", text(100, false)), field("contact.firstName", text(100, true)),
                field("contact.lastName", text(100, true)), field("contact.email", email()),
                field("contact.phone", text(50, false)), field("contact.address", text(500, false)),
                field("formInfo", formInfo()), field("payment", object(true)),
                field("payment.option", enumeration("IN_PERSON", true)), field("payment.method", text(50, false)),
                field("payment.couponCode", text(50, false)), field("payment.planId", text(100, false)),
                field("joinWaitlist", bool()));
    }

    private static List<Param> listParams() {
        return List.of(
                param("page", List.of(Value.bad("negative", "-1"), Value.bad("text", "x"), Value.bad("fraction", "1.5"),
                        Value.bad("beyond int", "2147483648"), Value.bad("exponent", "1e3"), Value.bad("NUL", "%00"),
                        Value.bad("rows beyond the database's int", "2147483647&size=200"),
                        Value.bad("just beyond the int offset", "10737418&size=200"),
                        Value.odd("empty", ""))),
                param("size", List.of(Value.bad("zero", "0"), Value.bad("over 200", "201"), Value.bad("negative", "-1"),
                        Value.bad("text", "x"), Value.bad("fraction", "1.5"), Value.bad("beyond int", "2147483648"),
                        Value.odd("empty", ""))),
                param("sort", List.of(Value.bad("a comma", ","), Value.bad("no direction", "start,"),
                        Value.bad("unknown direction", "start,up"), Value.bad("unknown key", "nope"),
                        Value.bad("three parts", "start,desc,asc"), Value.bad("no key", ",desc"),
                        Value.odd("NUL (trimmed away)", "start%00"), Value.bad("upper case key", "START"),
                        Value.bad("spaces and commas", "%20,%20"), Value.odd("empty", ""), Value.odd("blank", "%20"))),
                param("status", List.of(Value.bad("unknown", "FOO"), Value.bad("lower case", "confirmed"),
                        Value.bad("ordinal", "0"), Value.odd("NUL (trimmed away)", "%00"), Value.odd("empty", ""))),
                param("from", instantParam()),
                param("to", List.of(Value.bad("before from", "2000-01-01T00:00:00Z&from=2030-01-01T00:00:00Z"),
                        Value.bad("equal to from", "2030-01-01T00:00:00Z&from=2030-01-01T00:00:00Z"),
                        Value.bad("not an instant", "tomorrow"))),
                param("serviceId", List.of(Value.odd("NUL", "a%00b"), Value.odd("invalid UTF-8", "%FF"),
                        Value.odd("long", "x".repeat(2000)), Value.odd("repeated", "a&serviceId=b"))),
                param("contactId", List.of(Value.odd("ESC", "%1B"), Value.odd("lone surrogate", "%ED%A0%80"))));
    }

    private static List<Param> availabilityParams() {
        String course = "@course@";
        String appointment = "@appointment@";
        return List.of(
                param("serviceId", List.of(Value.bad("missing", MISSING), Value.bad("empty", ""),
                        Value.bad("unknown", "nope"), Value.bad("NUL", "a%00b"))),
                param("from", List.of(Value.bad("missing", MISSING), Value.bad("not an instant", "yesterday"),
                        Value.bad("a date", "2030-01-01"), Value.bad("epoch seconds", "1900000000"),
                        Value.bad("no such day", "2030-02-30T00:00:00Z"), Value.bad("no offset", "2030-01-01T10:00:00"),
                        Value.bad("after to", "2200-01-01T00:00:00Z"), Value.bad("empty", ""))),
                param("to", List.of(Value.bad("missing", MISSING), Value.bad("before from", "2000-01-01T00:00:00Z"),
                        Value.bad("over 366 days", "2100-01-01T00:00:00Z"), Value.bad("not an instant", "x"))),
                param("participants", List.of(Value.bad("zero", "0"), Value.bad("negative", "-1"),
                        Value.bad("fraction", "1.5"), Value.bad("text", "x"), Value.bad("beyond int", "2147483648"),
                        Value.odd("the largest int", "2147483647"), Value.odd("empty", ""))),
                // windows at the ends of the calendar and beyond, for every kind of service: never a 500
                param("from", List.of(
                        window("the first instant (class)", FIRST, "-1000000000-01-02T00:00:00Z", ""),
                        window("the last instant (class)", LAST_DAY, LAST, ""),
                        window("year 0 (class)", "0000-01-01T00:00:00Z", "0000-01-02T00:00:00Z", ""),
                        window("the first instant (appointment)", FIRST, "-1000000000-01-02T00:00:00Z", appointment),
                        window("the last instant (appointment)", LAST_DAY, LAST, appointment),
                        window("year 0 (appointment)", "0000-01-01T00:00:00Z", "0000-01-02T00:00:00Z", appointment),
                        window("a DST night (appointment)", "2031-03-29T00:00:00Z", "2031-03-31T00:00:00Z", appointment),
                        window("the first instant (course)", FIRST, "-1000000000-01-02T00:00:00Z", course),
                        window("the last instant (course)", LAST_DAY, LAST, course))));
    }

    private static final String FIRST = "-1000000000-01-01T00:00:00Z";
    private static final String LAST_DAY = "%2B1000000000-12-30T00:00:00Z";
    private static final String LAST = "%2B1000000000-12-31T23:59:59Z";

    /** An availability window from {@code from} to {@code to} (for the service {@code service} names). */
    private static Value window(String label, String from, String to, String service) {
        return Value.odd(label, from + "&to=" + to + service);
    }

    private static List<Value> instantParam() {
        return List.of(Value.bad("not an instant", "yesterday"), Value.bad("a date", "2030-01-01"),
                Value.bad("no such day", "2030-02-30T00:00:00Z"), Value.bad("no offset", "2030-01-01T10:00:00"),
                Value.odd("epoch milliseconds", "1900000000"), Value.bad("NUL", "2030-01-01T00:00:00Z%00"),
                Value.odd("the first instant", FIRST),
                Value.odd("the last instant", LAST), Value.odd("year 0", "0000-01-01T00:00:00Z"),
                Value.odd("empty", ""));
    }

    private static List<Param> eventParams(boolean json) {
        List<Value> limits = new ArrayList<>(List.of(Value.bad("zero", "0"), Value.bad("negative", "-1"),
                Value.bad("text", "x"), Value.bad("fraction", "1.5"), Value.bad("NUL", "%00")));
        if (json) {
            limits.addAll(List.of(Value.bad("over 1000", "1001"), Value.bad("beyond int", "2147483648")));
        } else {
            limits.add(Value.bad("beyond long", "9223372036854775808"));
        }
        return List.of(
                param("after", List.of(Value.bad("negative", "-1"), Value.bad("text", "x"), Value.bad("fraction", "1.5"),
                        Value.bad("beyond long", "9223372036854775808"), Value.bad("exponent", "1e3"),
                        Value.bad("the smallest long", "-9223372036854775808"), Value.odd("the largest long",
                                "9223372036854775807"))),
                param("limit", limits));
    }

    // ---- value kinds ------------------------------------------------------------------------------------------

    /** Text with no control characters, no unpaired surrogates, at most {@code max} UTF-16 units. */
    static List<Value> text(int max, boolean required) {
        List<Value> values = new ArrayList<>();
        for (String[] c : new String[][]{{"NUL", "\\u0000"}, {"BEL", "\\u0007"}, {"ESC", "\\u001b[2J"}, {"DEL", "\\u007f"},
                {"C1 NEL", "\\u0085"}, {"C1 CSI", "\\u009b"}, {"line feed", "\\n"}, {"tab", "\\t"}, {"CR", "\\r"},
                {"backspace", "\\b"}, {"form feed", "\\f"}, {"unit separator", "\\u001f"}, {"C1 first", "\\u0080"},
                {"C1 last", "\\u009f"}}) {
            Value value = Value.bad(c[0], "\"Ho" + c[1] + "st\"");
            values.add(Set.of("NUL", "BEL", "ESC", "C1 NEL").contains(c[0]) ? value : value.drawn());
        }
        for (String[] s : new String[][]{{"lone high surrogate", "\\ud800"}, {"lone high surrogate last", "\\udbff"},
                {"lone low surrogate", "\\udc00"}, {"lone low surrogate last", "\\udfff"},
                {"surrogates reversed", "\\udc00\\ud800"}, {"high surrogate at the end", "\\ud83e"}}) {
            Value value = Value.bad(s[0], "\"Host" + s[1] + "\"");
            values.add(s[0].equals("lone high surrogate") || s[0].equals("lone low surrogate") ? value : value.drawn());
        }
        values.add(Value.bad("raw NUL byte", "\"Ho@@B:00@@st\"").drawn());
        values.add(Value.bad("raw line feed", "\"Ho@@B:0a@@st\"").drawn());
        values.add(Value.bad("C1 NEL as UTF-8", "\"Ho@@B:c285@@st\"").drawn());
        values.add(Value.bad("C1 CSI as UTF-8", "\"Ho@@B:c29b@@st\"").drawn());
        values.addAll(invalidUtf8());
        values.add(Value.bad("one over the length", quote("x".repeat(max + 1))));
        values.add(Value.bad("emoji over the length in UTF-16", quote("\uD83D\uDE00".repeat(max / 2 + 1))).drawn());
        values.add(Value.bad("accents over the length", quote("é".repeat(max + 1))).drawn());
        values.addAll(typesDrawn("string"));
        if (required) {
            values.addAll(List.of(Value.bad("null", "null"), Value.bad("left out", MISSING)));
        }
        if (required) {
            values.add(Value.bad("empty", "\"\""));
            values.add(Value.bad("blank", "\"   \""));
        }
        return values;
    }

    static List<Value> invalidUtf8() {
        return List.of(Value.bad("invalid UTF-8 (c3 28)", "\"Ho@@B:c328@@st\"").drawn(),
                Value.bad("invalid UTF-8 (ff)", "\"Ho@@B:ff@@st\"").drawn(),
                Value.bad("overlong UTF-8 slash", "\"Ho@@B:c0af@@st\""),
                Value.bad("overlong UTF-8 slash in 3 bytes", "\"Ho@@B:e080af@@st\"").drawn(),
                Value.bad("overlong UTF-8 slash in 4 bytes", "\"Ho@@B:f08080af@@st\"").drawn(),
                Value.bad("overlong UTF-8 NUL", "\"Ho@@B:c080@@st\"").drawn(),
                Value.bad("overlong UTF-8 question mark", "\"Ho@@B:c1bf@@st\"").drawn(),
                Value.bad("UTF-8 of a surrogate (CESU)", "\"Ho@@B:eda080@@st\"").drawn(),
                Value.bad("lone continuation byte", "\"Ho@@B:80@@st\"").drawn(),
                Value.bad("truncated UTF-8", "\"Ho@@B:e282@@\"").drawn(),
                Value.bad("beyond U+10FFFF", "\"Ho@@B:f4908080@@st\"").drawn(),
                Value.bad("five-byte UTF-8", "\"Ho@@B:f888808080@@st\"").drawn());
    }

    /** An id with a pattern of letters, digits, '.', '_' and '-', at most {@code max}. */
    static List<Value> pattern(int max, boolean required) {
        List<Value> values = new ArrayList<>(text(max, required));
        values.addAll(List.of(Value.bad("a space", "\"a b\"").drawn(), Value.bad("a slash", "\"a/b\""),
                Value.bad("a letter outside ASCII", "\"ä" + UUID.randomUUID().toString().substring(0, 8) + "\"").drawn(),
                Value.bad("leading dash", "\"-a\"").drawn(), Value.bad("empty", "\"\""),
                Value.bad("over its pattern's length", quote("x".repeat(max + 1)))));
        return values;
    }

    static List<Value> email() {
        List<Value> values = new ArrayList<>(text(254, true));
        values.addAll(List.of(Value.bad("no at sign", "\"plainaddress\""), Value.bad("no local part", "\"@example.com\""),
                Value.bad("no domain", "\"ada@\"")));
        return values;
    }

    /** A whole number in [min, max] (max null: unbounded, so the largest int is odd, not wrong). */
    static List<Value> whole(long min, Long max, boolean required) {
        List<Value> values = new ArrayList<>(List.of(
                Value.bad("below the minimum", String.valueOf(min - 1)),
                Value.bad("a fraction", min + ".5"), Value.bad("a whole number as a fraction", min + ".0"),
                Value.bad("an exponent", min + "e0").drawn(), Value.bad("a large exponent", "1e1000"),
                Value.bad("a tiny exponent", "1e-1000").drawn(), Value.bad("a huge exponent", "1e10000000").drawn(),
                Value.bad("negative huge exponent", "-1e1000").drawn(),
                Value.bad("beyond int", "2147483648"), Value.bad("below int", "-2147483649").drawn(),
                Value.bad("beyond long", "9223372036854775808").drawn(), Value.bad("101 digits", "1" + "0".repeat(100)),
                Value.bad("hexadecimal", "0x10").drawn(), Value.bad("a leading zero", "0" + Math.max(min, 1)).drawn(),
                Value.bad("a plus sign", "+" + Math.max(min, 1)).drawn(), Value.bad("NaN", "NaN").drawn(),
                Value.bad("Infinity", "Infinity").drawn(), Value.bad("negative zero as a fraction", "-0.0").drawn(),
                Value.bad("a number as text", "\"" + Math.max(min, 1) + "\"")));
        values.addAll(typesDrawn("number"));
        if (required) {
            values.addAll(List.of(Value.bad("null", "null"), Value.bad("left out", MISSING)));
        }
        if (max != null) {
            values.add(Value.bad("above the maximum", String.valueOf(max + 1)));
        } else {
            values.add(Value.odd("the largest int", "2147483647"));
        }
        return values;
    }

    /** {@code expectedRevision} against a booking at revision 1. */
    static List<Value> revision() {
        List<Value> values = new ArrayList<>(List.of(Value.bad("a fraction", "1.5"),
                Value.bad("a whole number as a fraction", "1.0"), Value.bad("an exponent", "1e0"),
                Value.bad("a large exponent", "1e1000"), Value.bad("beyond long", "9223372036854775808"),
                Value.bad("below long", "-9223372036854775809"), Value.bad("101 digits", "1" + "0".repeat(100)),
                Value.bad("hexadecimal", "0x1"), Value.bad("a leading zero", "01"), Value.bad("a plus sign", "+1"),
                Value.bad("NaN", "NaN"), Value.bad("stale: 0", "0"), Value.bad("stale: 2", "2"),
                Value.bad("negative", "-1"), Value.bad("the largest long", "9223372036854775807"),
                Value.bad("a duplicate key, the right one last", "999,\"expectedRevision\":1"),
                Value.bad("a duplicate key, the right one first", "1,\"expectedRevision\":999"),
                Value.bad("a number as text", "\"1\"")));
        values.addAll(typesDrawn("number"));
        return values;
    }

    /** A money amount: a plain decimal string with at most two decimals (EUR), 0 to 1,000,000,000. */
    static List<Value> amount() {
        List<Value> values = new ArrayList<>();
        for (String a : new String[]{"1e1000", "1E3", "1e-1000", "1e10000000", "0.001", "10.12345678901234567890",
                "10.125", "10.001", "-1.00", "-0", "1000000000.01", "99999999999", "1" + "0".repeat(60), " 20", "20 ",
                "+20", "2,00", "20,000.00", "0x10", "NaN", "Infinity", "", " ", "20.00.0", ".5", "20.", "١٢", "２０",
                "20\\u0000", "1_000", "1 000", "20e0", "20.00e0", "0.1e1", "2" + "0".repeat(40)}) {
            values.add(Value.bad("\"" + a + "\"", quote(a)));
        }
        values.addAll(List.of(Value.bad("a JSON number", "20.00"), Value.bad("a JSON integer", "20"),
                Value.bad("an exponent number", "1e1000"), Value.bad("a tiny number", "1e-1000")));
        values.addAll(typesOf("string", true));
        return values;
    }

    static List<Value> currency() {
        List<Value> values = new ArrayList<>(List.of(Value.bad("not ISO 4217", "\"EURO\""),
                Value.bad("lower case", "\"eur\""), Value.bad("empty", "\"\""), Value.bad("a sign", "\"€\""),
                Value.bad("two letters", "\"EU\""), Value.bad("NUL", "\"EUR\\u0000\""),
                Value.odd("no currency (XXX)", "\"XXX\""), Value.odd("gold (XAU)", "\"XAU\"")));
        values.addAll(typesOf("string", true));
        return values;
    }

    /** An ISO-8601 instant in the years 2000 to 2200. */
    static List<Value> instant(boolean required) {
        List<Value> values = new ArrayList<>();
        for (String[] i : new String[][]{{"year 0", "0000-01-01T10:00:00Z"}, {"1999", "1999-12-31T23:59:59Z"},
                {"2201", "2201-01-01T00:00:00Z"}, {"year +99999", "+99999-01-01T00:00:00Z"},
                {"the first instant", "-1000000000-01-01T00:00:00Z"}, {"the last instant", "+1000000000-12-31T23:59:59Z"},
                {"beyond the last instant", "+1000000001-01-01T00:00:00Z"}, {"digits as text", "1900000000"},
                {"no such day", "2030-02-30T10:00:00Z"}, {"hour 25", "2030-01-01T25:00:00Z"},
                {"a date", "2030-01-01"}, {"no offset", "2030-01-01T10:00:00"},
                {"offset +25:00", "2030-01-01T10:00:00+25:00"}, {"a word", "yesterday"}, {"empty", ""},
                {"NUL", "2030-01-01T10:00:00Z\\u0000"}, {"spaces", " 2030-01-01T10:00:00Z "},
                {"digits and a point as text", "1900000000.5"}, {"a NUL first", "\\u00002030-01-01T10:00:00Z"}}) {
            Value value = Value.bad(i[0], quote(i[1]));
            values.add(Set.of("year 0", "year +99999", "1999", "2201", "digits as text", "NUL", "spaces", "a word")
                    .contains(i[0]) ? value : value.drawn());
        }
        values.addAll(List.of(Value.bad("epoch seconds", "1900000000"), Value.bad("epoch as a huge exponent",
                "1e10000000").drawn(), Value.bad("epoch as a fraction", "1900000000.5").drawn()));
        values.addAll(typesDrawn("string"));
        if (required) {
            values.addAll(List.of(Value.bad("null", "null"), Value.bad("left out", MISSING)));
        }
        return values;
    }

    /** For a query: an instant outside the years 2000-2200 is no input stored, so any answer but a 5xx will do. */
    static List<Value> rangeIsOdd(List<Value> values) {
        Set<String> range = Set.of("year 0", "1999", "2201", "year +99999", "the first instant", "the last instant");
        return values.stream().map(v -> range.contains(v.label()) ? Value.odd(v.label(), v.raw()) : v).toList();
    }

    static List<Value> date() {
        List<Value> values = new ArrayList<>();
        for (String[] d : new String[][]{{"year 0", "0000-01-01"}, {"year +99999", "+99999-12-31"},
                {"1999", "1999-12-31"}, {"2201", "2201-01-01"}, {"month 13", "2030-13-01"}, {"no such day", "2030-02-30"},
                {"compact", "20300101"}, {"an instant", "2030-01-01T00:00:00Z"}, {"empty", ""},
                {"the last date", "+999999999-12-31"}}) {
            values.add(Value.bad(d[0], quote(d[1])));
        }
        values.add(Value.bad("a number", "20300101"));
        values.addAll(typesOf("string", true));
        return values;
    }

    static List<Value> time() {
        List<Value> values = new ArrayList<>();
        for (String[] t : new String[][]{{"24:00", "24:00"}, {"25:00", "25:00"}, {"minute 60", "09:60"},
                {"one digit hour", "9:00"}, {"an offset", "09:00+01:00"}, {"a word", "noon"}, {"empty", ""}}) {
            values.add(Value.bad(t[0], quote(t[1])));
        }
        values.add(Value.bad("a number", "900"));
        values.addAll(typesOf("string", true));
        return values;
    }

    static List<Value> enumeration(String valid, boolean required) {
        List<Value> values = new ArrayList<>(List.of(Value.bad("unknown", "\"NOPE\""),
                Value.bad("lower case", quote(valid.toLowerCase(Locale.ROOT))),
                Value.bad("leading space", quote(" " + valid)),
                Value.bad("trailing space", quote(valid + " ")), Value.bad("ordinal", "0"),
                Value.bad("ordinal 1", "1").drawn(), Value.bad("empty", "\"\""), Value.bad("NUL", quote(valid + "\\u0000")),
                Value.bad("a tab first", quote("\\t" + valid)).drawn(),
                Value.bad("a line feed last", quote(valid + "\\n"))));
        values.addAll(typesDrawn("string"));
        if (required) {
            values.addAll(List.of(Value.bad("null", "null"), Value.bad("left out", MISSING)));
        }
        return values;
    }

    static List<Value> day() {
        List<Value> values = new ArrayList<>(List.of(Value.bad("abbreviated", "\"MON\""), Value.bad("lower case",
                "\"monday\""), Value.bad("ISO number", "1"), Value.bad("eight", "8"), Value.bad("empty", "\"\"")));
        values.addAll(typesOf("string", true));
        return values;
    }

    static List<Value> bool() {
        List<Value> values = new ArrayList<>(List.of(Value.bad("text true", "\"true\""), Value.bad("one", "1"),
                Value.bad("zero", "0"), Value.bad("yes", "\"yes\""), Value.bad("empty", "\"\"")));
        values.addAll(typesOf("boolean", false));
        return values;
    }

    static List<Value> zone() {
        List<Value> values = new ArrayList<>(List.of(Value.bad("unknown", "\"Mars/Olympus_Mons\""),
                Value.bad("offset beyond 18 hours", "\"UTC+25:00\""), Value.bad("bare offset beyond", "\"+99:00\""),
                Value.bad("NUL", "\"Europe/Berlin\\u0000\""), Value.bad("a path", "\"../../etc/passwd\""),
                Value.bad("lower case", "\"europe/berlin\""), Value.bad("over 64", quote("x".repeat(65)))));
        values.addAll(drawn(text(64, true).stream().filter(v -> !v.label().contains("length")).toList()));
        return values;
    }

    static List<Value> list(Integer max, boolean required) {
        List<Value> values = new ArrayList<>(List.of(Value.bad("a list with null", "[null]"),
                Value.bad("a list in a list", "[[]]")));
        if (max != null) {
            values.add(Value.bad("one over the size", "@@REPEAT:" + (max + 1) + "@@"));
        }
        values.addAll(typesOf("array", required));
        if (required) {
            values.add(Value.bad("empty", "[]"));
        }
        return values;
    }

    /** An object in a list: of another type, null or nested too deep (left out, the list would just be shorter). */
    static List<Value> element() {
        List<Value> values = new ArrayList<>(object(false));
        values.add(Value.bad("null", "null"));
        return values;
    }

    static List<Value> object(boolean required) {
        List<Value> values = new ArrayList<>(typesOf("object", required));
        values.add(Value.bad("deeply nested", "[".repeat(5000) + "]".repeat(5000)));
        return values;
    }

    static List<Value> formInfo() {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"v\"");
        }
        return List.of(Value.bad("51 entries", many + "}"), Value.bad("a name with NUL", "{\"no\\u0000te\":\"x\"}"),
                Value.bad("a value with BEL", "{\"note\":\"bell\\u0007\"}"),
                Value.bad("a value with a lone surrogate", "{\"note\":\"x\\ud800\"}"),
                Value.bad("a value over 2000", "{\"note\":" + quote("x".repeat(2001)) + "}"),
                Value.bad("a name over 100", "{" + quote("n".repeat(101)) + ":\"x\"}"),
                Value.bad("a number value", "{\"note\":42}"), Value.bad("an object value", "{\"note\":{}}"),
                Value.bad("a boolean value", "{\"note\":true}"), Value.bad("a list", "[\"note\"]"),
                Value.bad("text", "\"note\""), Value.bad("a duplicate name", "{\"note\":\"a\",\"note\":\"b\"}"));
    }

    static List<Value> uuid() {
        String id = UUID.randomUUID().toString();
        List<Value> values = new ArrayList<>(List.of(Value.bad("not a UUID", "\"not-a-uuid\""),
                Value.bad("one digit more", quote(id + "0")), Value.bad("braces", quote("{" + id + "}")),
                Value.bad("no dashes", quote(id.replace("-", ""))), Value.bad("a URN", quote("urn:uuid:" + id)),
                Value.bad("NUL", quote(id + "\\u0000")), Value.bad("not hex", quote("g" + id.substring(1))),
                Value.bad("empty", "\"\"")));
        values.addAll(typesOf("string", false));
        return values;
    }

    /** Values of other JSON types than {@code type}, and null / left out when the field is required. */
    static List<Value> typesOf(String type, boolean required) {
        List<Value> values = new ArrayList<>();
        if (!type.equals("number")) {
            values.addAll(List.of(Value.bad("a number", "42"), Value.bad("a fraction", "1.5")));
        }
        if (!type.equals("string")) {
            values.addAll(List.of(Value.bad("a string", "\"x\""), Value.bad("a number as text", "\"1\"")));
        }
        if (!type.equals("boolean")) {
            values.add(Value.bad("a boolean", "true"));
        }
        if (!type.equals("object")) {
            values.addAll(List.of(Value.bad("an object", "{}"), Value.bad("an object with a key", "{\"a\":\"b\"}")));
        }
        if (!type.equals("array")) {
            values.addAll(List.of(Value.bad("an array", "[]"), Value.bad("an array of it", "[\"x\"]")));
        }
        if (required) {
            values.addAll(List.of(Value.bad("null", "null"), Value.bad("left out", MISSING)));
        }
        return values;
    }

    /** Values of other JSON types: the first always sent, the others drawn. */
    static List<Value> typesDrawn(String type) {
        List<Value> values = new ArrayList<>(drawn(typesOf(type, false)));
        values.set(0, new Value(values.get(0).label(), values.get(0).raw(), values.get(0).expect(), true));
        return values;
    }

    static Field field(String path, List<Value> values) {
        return new Field(path, values);
    }

    static Param param(String name, List<Value> values) {
        return new Param(name, values);
    }

    record Field(String path, List<Value> values) {
    }

    record Param(String name, List<Value> values) {
    }

    // ---- one endpoint and its corpus --------------------------------------------------------------------------

    private static final class Endpoint {
        final String name;
        final String method;
        final String path;
        final Function<Fixtures, String> id;
        final List<String> keys;
        Function<Fixtures, ObjectNode> body;
        Function<Fixtures, String> query;
        final List<Field> fields = new ArrayList<>();
        final List<Param> params = new ArrayList<>();
        final List<String[]> headers = new ArrayList<>();
        boolean anyTextId;
        boolean optionalBody;
        boolean control = true;
        boolean root;
        boolean revision;
        boolean namesFields;
        boolean minPosition;
        boolean lastEventId;
        Function<Fixtures, String> noOpTarget;
        int noOpRevision;

        Endpoint(String name, String method, String path, Function<Fixtures, String> id, List<String> keys) {
            this.name = name;
            this.method = method;
            this.path = path;
            this.id = id;
            this.keys = keys;
        }

        Endpoint body(Function<Fixtures, ObjectNode> body) {
            this.body = body;
            return this;
        }

        Endpoint fields(List<Field> more) {
            fields.addAll(more);
            return this;
        }

        Endpoint query(Function<Fixtures, String> query) {
            this.query = query;
            return this;
        }

        Endpoint params(List<Param> more) {
            params.addAll(more);
            return this;
        }

        Endpoint header(String name, String value) {
            headers.add(new String[]{name, value});
            return this;
        }

        /** The path id is any plain text (a contact id), so only ids that are not plain text must be refused. */
        Endpoint anyTextId() {
            anyTextId = true;
            return this;
        }

        /** Each 400 for a field, parameter or header must name it in the problem's {@code field}. */
        Endpoint namesFields() {
            namesFields = true;
            return this;
        }

        /** A query: a malformed {@code X-Min-Position} header is refused naming it. */
        Endpoint minPosition() {
            minPosition = true;
            return this;
        }

        /** A stream taking {@code Last-Event-ID}: a malformed one is refused naming it. */
        Endpoint lastEventId() {
            lastEventId = true;
            return this;
        }

        Endpoint optionalBody() {
            optionalBody = true;
            return this;
        }

        Endpoint noControl() {
            control = false;
            return this;
        }

        /** Outside /api/v1. */
        Endpoint root() {
            root = true;
            return this;
        }

        Endpoint revision(Function<Fixtures, String> noOpTarget, int noOpRevision) {
            this.revision = true;
            this.noOpTarget = noOpTarget;
            this.noOpRevision = noOpRevision;
            return this;
        }

        // -- building requests

        String key() {
            return keys.isEmpty() ? null : keys.get(0);
        }

        String target(Fixtures f, String rawId, String rawQuery) {
            String p = id == null ? path : path.replace("{id}", rawId == null ? id.apply(f) : rawId);
            String q = rawQuery != null ? rawQuery : query == null ? null : query.apply(f);
            return (root ? "" : "/api/v1") + p + (q == null || q.isEmpty() ? "" : "?" + q);
        }

        Request request(Fixtures f, String method, String key, String rawId, String rawQuery, byte[] body,
                        List<String[]> extraHeaders, String contentType) {
            List<String[]> all = new ArrayList<>();
            if (key != null) {
                all.add(auth(key));
            }
            all.addAll(headers);
            if (body != null && contentType != null) {
                all.add(new String[]{"Content-Type", contentType});
            }
            all.addAll(extraHeaders);
            byte[] sent = body == null && this.body != null ? new byte[0] : body;
            return new Request(method, target(f, rawId, rawQuery), all, sent);
        }

        Request valid(Fixtures f) {
            return request(f, method, key(), null, null, validBody(f), List.of(), "application/json");
        }

        byte[] validBody(Fixtures f) {
            return body == null ? null : bytes(write(body.apply(f)));
        }

        Request withBody(Fixtures f, byte[] bytes) {
            return request(f, method, key(), null, null, bytes, List.of(), "application/json");
        }

        Case refused(String kind, String what, Function<Fixtures, Request> request) {
            return new Case(name, kind, what, Expect.REFUSED, Set.of(), request);
        }

        Case of(String kind, Value value, Function<Fixtures, Request> request) {
            return new Case(name, kind, value.label(), value.expect(), Set.of(), request);
        }

        // -- the systematic corpus

        List<Case> corpus(Random random) {
            List<Case> corpus = new ArrayList<>();
            if (control && !keys.isEmpty()) {
                corpus.add(new Case(name, "valid", "the unchanged request", Expect.VALID, Set.of(), this::valid));
            }
            roles(corpus, random);
            Set<String> twice = new java.util.HashSet<>();
            for (Field field : fields) {
                for (Value value : field.values()) {
                    if (value.core() || random.nextDouble() < SAMPLE) {
                        corpus.add(of("field " + field.path(), value,
                                f -> withBody(f, mutated(f, field.path(), value.raw()))));
                    }
                }
                if (!field.path().endsWith("]") && twice.add(field.path())) {
                    corpus.add(refused("duplicate key", field.path() + " twice, the same value",
                            f -> withBody(f, duplicated(f, field.path(), null))));
                }
            }
            if (body != null) {
                bodies(corpus, random);
            }
            if (id != null) {
                paths(corpus, random);
            }
            for (Param param : params) {
                for (Value value : param.values()) {
                    corpus.add(of("parameter " + param.name(), value,
                            f -> request(f, method, key(), null, changedQuery(f, param.name(), value.raw()), null,
                                    List.of(), null)));
                }
            }
            if (revision) {
                revisions(corpus);
            }
            if (minPosition) {
                headerCases(corpus, "X-Min-Position");
                corpus.add(odd("header X-Min-Position", "0", f -> request(f, method, key(), null, null, validBody(f),
                        List.<String[]>of(new String[]{"X-Min-Position", "0"}), "application/json")));
            }
            if (lastEventId) {
                headerCases(corpus, "Last-Event-ID");
            }
            if (!root) {
                methods(corpus, random);
            }
            if ((body != null || !params.isEmpty()) && headers.isEmpty()) {
                accepts(corpus, random);
            }
            return corpus;
        }

        void roles(List<Case> corpus, Random random) {
            if (root) {
                for (String key : KEYS) {
                    corpus.add(new Case(name, "role", key, Expect.REFUSED, Set.of(404),
                            f -> request(f, method, key, null, null, null, List.of(), null)));
                }
                corpus.add(new Case(name, "role", "no key", Expect.REFUSED, Set.of(404),
                        f -> request(f, method, null, null, null, null, List.of(), null)));
                corpus.add(new Case(name, "role", "no key, POST", Expect.REFUSED, Set.of(404),
                        f -> request(f, "POST", null, null, null, new byte[0], List.of(), null)));
                return;
            }
            for (String key : KEYS) {
                if (!keys.contains(key)) {
                    corpus.add(new Case(name, "role", key, Expect.REFUSED, Set.of(403),
                            f -> request(f, method, key, null, null, validBody(f), List.of(), "application/json")));
                }
            }
            corpus.add(new Case(name, "role", "no key", Expect.REFUSED, Set.of(401),
                    f -> request(f, method, null, null, null, validBody(f), List.of(), "application/json")));
            for (String[] a : new String[][]{{"unknown key", "Bearer dev-nobody"}, {"Basic", "Basic ZGV2LW93bmVyOg=="},
                    {"no key after Bearer", "Bearer "}, {"another scheme", "Token " + key()},
                    {"two keys", "Bearer " + key() + " " + key()}, {"a key with NUL", "Bearer " + key() + "\u0000"},
                    {"a key outside ASCII", "Bearer dev-öwner"}}) {
                add(corpus, random, a[0].equals("unknown key"), new Case(name, "role", a[0], Expect.REFUSED,
                        Set.of(400, 401), f -> request(f, method, null, null, null, validBody(f), List.<String[]>of(
                                new String[]{"Authorization", a[1]}), "application/json")));
            }
        }

        void bodies(List<Case> corpus, Random random) {
            List<Value> documents = new ArrayList<>(List.of(Value.bad("an array", "[]"), Value.bad("an array of it",
                    "@@VALID_IN_ARRAY@@"), Value.bad("a string", "\"x\""), Value.bad("a number", "42"),
                    Value.bad("true", "true"), Value.bad("an open brace", "{"), Value.bad("a close brace", "}"),
                    Value.bad("a key without a value", "{\"a\"}"), Value.bad("single quotes", "{'a':1}"),
                    Value.bad("an unquoted key", "{a:1}"), Value.bad("a trailing comma", "@@VALID_COMMA@@"),
                    Value.bad("a comment first", "/* c */@@VALID@@"), Value.bad("a comment after", "@@VALID@@ // c"),
                    Value.bad("NaN", "{\"a\":NaN}"), Value.bad("a raw NUL between tokens", "{@@B:00@@}"),
                    Value.bad("deeply nested arrays", "[".repeat(5000) + "]".repeat(5000)),
                    Value.bad("deeply nested under an unknown key", "@@VALID_DEEP@@"),
                    Value.bad("Latin-1 bytes", "@@VALID_LATIN1@@")));
            if (!optionalBody) {
                documents.addAll(List.of(Value.bad("empty", ""), Value.bad("blank", "  \n "), Value.bad("null", "null"),
                        Value.bad("an empty object", "{}")));
            }
            for (String t : new String[]{" {}", " x", "]", " 1", " \"a\"", " null", "@@VALID@@", "@@B:00@@", ",", "}",
                    " []"}) {
                documents.add(Value.bad("trailing " + t.replace("@@VALID@@", "copy of the body"), "@@VALID@@" + t));
            }
            Set<String> core = Set.of("an array", "a string", "an open brace", "deeply nested arrays",
                    "deeply nested under an unknown key", "Latin-1 bytes", "empty", "null", "trailing  {}", "trailing  x",
                    "trailing copy of the body");
            for (Value d : documents) {
                add(corpus, random, core.contains(d.label()), of("body", d, f -> withBody(f, document(f, d.raw()))));
            }
            corpus.add(refused("body", "truncated to its first byte", f -> withBody(f, truncated(f, 1))));
            add(corpus, random, false, refused("body", "truncated by half", f -> withBody(f, truncated(f, -2))));
            corpus.add(refused("body", "without its last byte", f -> withBody(f, truncated(f, -1))));
            corpus.add(new Case(name, "body", "over 64 KiB", Expect.REFUSED, Set.of(413), f -> withBody(f,
                    bytes(new String(validBody(f), StandardCharsets.UTF_8) + " ".repeat(MAX_BODY + 10)))));
            add(corpus, random, false, odd("body", "a UTF-8 byte order mark", f -> withBody(f, concat(new byte[]{
                    (byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, validBody(f)))));
            for (String type : new String[]{"text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=b", "application/json;charset=nonsense", "application/", ";", "*/*",
                    "application/*", "*/json", "application/octet-stream"}) {
                add(corpus, random, Set.of("text/plain", "*/*", "application/*", "application/json;charset=nonsense")
                        .contains(type), refused("content type", type, f -> request(f, method, key(), null, null,
                        validBody(f), List.of(), type)));
            }
            // JSON has no charset parameter (RFC 8259): a UTF-8 body is read as UTF-8 whatever the header says
            for (String type : new String[]{"application/json; charset=UTF-16", "application/json; charset"}) {
                add(corpus, random, false, odd("content type", type, f -> request(f, method, key(), null, null,
                        validBody(f), List.of(), type)));
            }
            corpus.add(refused("content type", "none", f -> request(f, method, key(), null, null, validBody(f),
                    List.of(), null)));
        }

        /** Adds {@code c} if it is a core case, otherwise with probability {@code hostile.sample}. */
        static void add(List<Case> corpus, Random random, boolean core, Case c) {
            if (core || random.nextDouble() < SAMPLE) {
                corpus.add(c);
            }
        }

        Case odd(String kind, String what, Function<Fixtures, Request> request) {
            return new Case(name, kind, what, Expect.ANSWERED, Set.of(), request);
        }

        void paths(List<Case> corpus, Random random) {
            List<String[]> wrong = List.of(new String[]{"NUL", "%00"}, new String[]{"NUL inside", "a%00b"},
                    new String[]{"BEL", "%07"}, new String[]{"ESC", "%1B%5B2J"}, new String[]{"DEL", "%7F"},
                    new String[]{"C1", "%C2%85"}, new String[]{"UTF-8 of a surrogate", "%ED%A0%80"},
                    new String[]{"invalid UTF-8", "%FF"}, new String[]{"overlong UTF-8", "%C0%AF"},
                    new String[]{"encoded slash", "a%2Fb"}, new String[]{"encoded backslash", "a%5Cb"},
                    new String[]{"semicolon", "a;b"}, new String[]{"encoded semicolon", "a%3Bb"},
                    new String[]{"a lone percent", "%"}, new String[]{"bad escape", "%zz"},
                    new String[]{"line feed", "a%0Ab"}, new String[]{"tab", "%09"}, new String[]{"101 characters",
                            "x".repeat(101)}, new String[]{"9000 characters", "x".repeat(9000)},
                    new String[]{"dot", "."}, new String[]{"dot dot", ".."}, new String[]{"encoded dot dot", "%2e%2e"},
                    new String[]{"raw space", "a b"}, new String[]{"hash", "a#b"}, new String[]{"backslash", "a\\b"},
                    new String[]{"raw byte above ASCII", "a\u00ffb"});
            List<String[]> unknown = List.of(new String[]{"encoded percent", "%25"}, new String[]{"encoded space", "%20"},
                    new String[]{"right-to-left override", "%E2%80%AE"}, new String[]{"emoji", "%F0%9F%98%80"},
                    new String[]{"tilde", "~"}, new String[]{"unknown", "nope-" + UUID.randomUUID()});
            Set<String> core = Set.of("NUL", "ESC", "C1", "UTF-8 of a surrogate", "invalid UTF-8", "overlong UTF-8",
                    "encoded slash", "encoded backslash", "semicolon", "101 characters", "9000 characters", "dot dot");
            for (String[] p : wrong) {
                add(corpus, random, core.contains(p[0]), refused("path id", p[0], f -> request(f, method, key(), p[1],
                        null, validBody(f), List.of(), "application/json")));
            }
            for (String[] p : unknown) {
                Value value = anyTextId ? Value.odd(p[0], p[1]) : Value.bad(p[0], p[1]);
                add(corpus, random, p[0].equals("unknown"), of("path id", value, f -> request(f, method, key(), p[1],
                        null, validBody(f), List.of(), "application/json")));
            }
        }

        void revisions(List<Case> corpus) {
            for (String[] h : new String[][]{{"stale If-Match 0", "\"0\""}, {"stale If-Match 2", "\"2\""},
                    {"If-Match not a number", "\"x\""}, {"If-Match a fraction", "\"1.5\""}, {"If-Match empty tag", "\"\""},
                    {"If-Match an exponent", "\"1e0\""}, {"If-Match beyond long", "\"9223372036854775808\""},
                    {"If-Match hexadecimal", "\"0x1\""}, {"If-Match a list", "\"1\", \"2\""}}) {
                corpus.add(refused("revision", h[0], f -> request(f, method, key(), null, null, revisionless(f),
                        List.<String[]>of(new String[]{"If-Match", h[1]}), "application/json")));
            }
            corpus.add(refused("revision", "If-Match disagrees with expectedRevision", f -> request(f, method, key(),
                    null, null, validBody(f), List.<String[]>of(new String[]{"If-Match", "\"2\""}), "application/json")));
            for (String[] h : new String[][]{{"If-Match *", "*"}, {"If-Match weak", "W/\"1\""}, {"If-Match unquoted", "1"},
                    {"If-Match plus sign", "+1"}, {"If-Match leading zero", "\"01\""}, {"If-Match half quoted", "\"1"}}) {
                corpus.add(odd("revision", h[0], f -> request(f, method, key(), null, null, revisionless(f),
                        List.<String[]>of(new String[]{"If-Match", h[1]}), "application/json")));
            }
            if (noOpTarget != null) {
                String stale = String.valueOf(noOpRevision - 1);
                corpus.add(new Case(name, "revision", "stale If-Match where the transition changes nothing",
                        Expect.REFUSED, Set.of(409), f -> request(f, method, key(), noOpTarget.apply(f), null,
                        revisionless(f), List.<String[]>of(new String[]{"If-Match", "\"" + stale + "\""}),
                        "application/json")));
                corpus.add(new Case(name, "revision", "stale expectedRevision where the transition changes nothing",
                        Expect.REFUSED, Set.of(409), f -> {
                    ObjectNode b = body.apply(f);
                    b.put("expectedRevision", noOpRevision - 1);
                    return request(f, method, key(), noOpTarget.apply(f), null, bytes(write(b)), List.of(),
                            "application/json");
                }));
            }
        }

        /** A header holding an event position, malformed: 400 naming it. */
        void headerCases(List<Case> corpus, String header) {
            for (String[] h : new String[][]{{"negative", "-1"}, {"text", "x"}, {"fraction", "1.5"}, {"a plus sign", "+1"},
                    {"exponent", "1e3"}, {"hexadecimal", "0x1"}, {"beyond long", "9223372036854775808"},
                    {"two values", "1, 2"}, {"empty", ""}, {"a word and digits", "1a"}}) {
                corpus.add(new Case(name, "header " + header, h[0], Expect.REFUSED, Set.of(400), f -> request(f, method,
                        key(), null, null, validBody(f), List.<String[]>of(new String[]{header, h[1]}),
                        "application/json")));
            }
        }

        byte[] revisionless(Fixtures f) {
            ObjectNode b = body.apply(f);
            b.remove("expectedRevision");
            return bytes(write(b));
        }

        void methods(List<Case> corpus, Random random) {
            List<String> others = new ArrayList<>(List.of("PATCH", "DELETE", "TRACE"));
            others.remove(method);
            if (!path.equals("/services/{id}") && !method.equals("PUT")) {
                others.add("PUT");
            }
            for (String other : others) {
                add(corpus, random, other.equals("PATCH") || other.equals("TRACE"), new Case(name, "method", other,
                        Expect.REFUSED, Set.of(405), f -> request(f, other, key(), null, null, validBody(f), List.of(),
                        "application/json")));
            }
            add(corpus, random, false, new Case(name, "method", "unknown method", Expect.REFUSED, Set.of(400, 405, 501),
                    f -> request(f, "FOO", key(), null, null, validBody(f), List.of(), "application/json")));
        }

        /** A refused request asking for other media types: the refusal is still a problem+json. */
        void accepts(List<Case> corpus, Random random) {
            for (String accept : new String[]{"text/html", "application/xml", "image/png", "application/x-ndjson",
                    "application/x-ndjson, application/problem+json", "text/event-stream", "application/json;q=0",
                    "nonsense"}) {
                add(corpus, random, Set.of("text/html", "application/x-ndjson, application/problem+json", "nonsense")
                        .contains(accept), refused("Accept", accept, f -> {
                    List<String[]> h = List.<String[]>of(new String[]{"Accept", accept});
                    if (body != null) {
                        return request(f, method, key(), null, null, document(f, "@@VALID@@ x"), h, "application/json");
                    }
                    Param p = params.get(0);
                    Value bad = p.values().stream().filter(v -> v.expect() == Expect.REFUSED).findFirst().orElseThrow();
                    return request(f, method, key(), null, changedQuery(f, p.name(), bad.raw()), null, h, null);
                }));
            }
        }

        // -- the random corpus

        Case randomCase(Random random) {
            int choice = random.nextInt(10);
            if (body != null && !fields.isEmpty() && choice < 6) {
                Field field = fields.get(random.nextInt(fields.size()));
                Value value = randomValue(field, random);
                return new Case(name, "random field " + field.path(), value.label(), value.expect(), Set.of(),
                        f -> withBody(f, mutated(f, field.path(), value.raw())));
            }
            if (body != null && choice < 8) {
                return randomBody(random);
            }
            if (!params.isEmpty() && choice < 9) {
                Param p = params.get(random.nextInt(params.size()));
                Value v = p.values().get(random.nextInt(p.values().size()));
                String noise = v.expect() == Expect.REFUSED && !v.raw().equals(MISSING)
                        ? v.raw() + "&" + randomParamName(random) + "=" + randomPercent(random) : v.raw();
                return of("random parameter " + p.name(), new Value(v.label() + " + noise", noise, v.expect(), true),
                        f -> request(f, method, key(), null, changedQuery(f, p.name(), noise), null, List.of(), null));
            }
            if (id != null && choice < 10) {
                String rawId = randomPercent(random) + "%" + String.format("%02X", random.nextInt(0x20));
                return refused("random path id", rawId, f -> request(f, method, key(), rawId, null, validBody(f),
                        List.of(), "application/json"));
            }
            List<String> wrongKeys = new ArrayList<>(KEYS);
            wrongKeys.removeAll(keys);
            wrongKeys.add(null);
            String key = root ? null : wrongKeys.get(random.nextInt(wrongKeys.size()));
            int status = root ? 404 : key == null ? 401 : 403;
            return new Case(name, "random role", String.valueOf(key), Expect.REFUSED, Set.of(status),
                    f -> request(f, method, key, null, null, validBody(f), List.of(), "application/json"));
        }

        Case randomBody(Random random) {
            switch (random.nextInt(5)) {
                case 0: {
                    double share = random.nextDouble();
                    return refused("random body", "truncated at " + Math.round(share * 100) + "%", f -> {
                        byte[] valid = validBody(f);
                        return withBody(f, java.util.Arrays.copyOf(valid, Math.max(1, (int) (valid.length * share))));
                    });
                }
                case 1: {
                    String trailer = randomTrailer(random);
                    return refused("random body", "trailing " + trailer,
                            f -> withBody(f, document(f, "@@VALID@@" + trailer)));
                }
                case 2: {
                    int depth = 1001 + random.nextInt(7000);
                    return refused("random body", "nested " + depth + " deep", f -> withBody(f,
                            bytes("{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}")));
                }
                case 3: {
                    List<Field> objects = fields.stream().filter(fl -> !fl.path().endsWith("]")).toList();
                    Field field = objects.get(random.nextInt(objects.size()));
                    String other = randomText(random, 1 + random.nextInt(20));
                    return refused("random duplicate key", field.path() + " twice, then " + other,
                            f -> withBody(f, duplicated(f, field.path(), quote(other))));
                }
                default: {
                    byte[] garbage = new byte[1 + random.nextInt(8)];
                    random.nextBytes(garbage);
                    garbage[0] = (byte) (0xF8 | random.nextInt(8)); // never a byte of UTF-8
                    String hex = HexFormat.of().formatHex(garbage);
                    return refused("random body", "random bytes " + hex + " in a string", f -> {
                        ObjectNode b = body.apply(f);
                        String name = b.fieldNames().next();
                        b.putRawValue(name, new RawValue("\"@@B:" + hex + "@@\""));
                        return withBody(f, bytes(write(b)));
                    });
                }
            }
        }

        Value randomValue(Field field, Random random) {
            Value pick = field.values().get(random.nextInt(field.values().size()));
            String raw = pick.raw();
            if (pick.expect() != Expect.REFUSED || raw.equals(MISSING) || raw.startsWith("@@")) {
                return pick;
            }
            // vary the picked kind of wrong: another control character, surrogate, length, fraction or exponent
            if (raw.startsWith("\"Ho\\u00") || raw.startsWith("\"Ho\\u007f") || raw.startsWith("\"Ho\\u008")
                    || raw.startsWith("\"Ho\\u009")) {
                int c = random.nextBoolean() ? random.nextInt(0x20) : 0x7F + random.nextInt(0x21);
                String text = randomText(random, random.nextInt(10));
                int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
                return Value.bad("control U+" + String.format("%04X", c), quote(text.substring(0, at)
                        + String.format("\\u%04x", c) + text.substring(at)));
            }
            if (pick.label().contains("surrogate")) {
                int s = 0xD800 + random.nextInt(0x800);
                return Value.bad("lone surrogate U+" + Integer.toHexString(s), quote(randomText(random, 3)
                        + String.format("\\u%04x", s)));
            }
            if (pick.label().equals("a fraction") && raw.matches("-?[0-9]+\\.5")) {
                String fraction = raw.substring(0, raw.indexOf('.')) + "." + (1 + random.nextInt(9))
                        + randomDigits(random, random.nextInt(20));
                return Value.bad("fraction " + fraction, fraction);
            }
            if (pick.label().equals("a large exponent")) {
                String exponent = (1 + random.nextInt(9)) + (random.nextBoolean() ? "e" : "E")
                        + (random.nextBoolean() ? "" : random.nextBoolean() ? "+" : "-") + (1 + random.nextInt(100000));
                return Value.bad("exponent " + exponent, exponent);
            }
            if (pick.label().equals("\"0.001\"")) {
                String amount = random.nextInt(1000) + "." + randomDigits(random, 2) + (1 + random.nextInt(9))
                        + randomDigits(random, random.nextInt(30));
                return Value.bad("\"" + amount + "\"", quote(amount));
            }
            if (pick.label().equals("one over the length")) {
                int length = raw.length() - 2 + random.nextInt(200);
                return Value.bad("over the length by " + (length - raw.length() + 3), quote(randomText(random, length)));
            }
            if (pick.label().equals("year +99999")) {
                int year = 2201 + random.nextInt(999_997_798);
                return Value.bad("year " + year, quote((year > 9999 ? "+" : "") + year + "-06-01T10:00:00Z"));
            }
            return pick;
        }

        // -- body surgery

        byte[] mutated(Fixtures f, String path, String raw) {
            ObjectNode root = body.apply(f);
            List<Object> steps = steps(path);
            JsonNode parent = root;
            for (int i = 0; i < steps.size() - 1; i++) {
                Object step = steps.get(i);
                parent = step instanceof Integer n ? parent.get(n) : parent.get((String) step);
            }
            Object last = steps.get(steps.size() - 1);
            JsonNode current = last instanceof Integer n ? parent.get(n) : parent.get((String) last);
            if (raw.startsWith("@@REPEAT:")) {
                int count = Integer.parseInt(raw.substring(9, raw.length() - 2));
                String element = current != null && current.isArray() && !current.isEmpty()
                        ? current.get(0).toString() : "\"x\"";
                raw = "[" + String.join(",", java.util.Collections.nCopies(count, element)) + "]";
            }
            if (parent instanceof ObjectNode object) {
                if (raw.equals(MISSING)) {
                    object.remove((String) last);
                } else {
                    object.putRawValue((String) last, new RawValue(raw));
                }
            } else if (parent instanceof ArrayNode array) {
                int index = (Integer) last;
                if (raw.equals(MISSING)) {
                    array.remove(index);
                } else {
                    array.set(index, ((ContainerNode<?>) array).rawValueNode(new RawValue(raw)));
                }
            }
            return bytes(write(root));
        }

        /** The body with the key at {@code path} sent twice: {@code first} (or its own value) before its value. */
        byte[] duplicated(Fixtures f, String path, String first) {
            ObjectNode root = body.apply(f);
            List<Object> steps = steps(path);
            JsonNode parent = root;
            for (int i = 0; i < steps.size() - 1; i++) {
                Object step = steps.get(i);
                parent = step instanceof Integer n ? parent.get(n) : parent.get((String) step);
            }
            String key = (String) steps.get(steps.size() - 1);
            ObjectNode object = (ObjectNode) parent;
            JsonNode value = object.get(key);
            String own = value == null ? "\"x\"" : value.toString();
            object.putRawValue(key, new RawValue((first == null ? own : first) + "," + quote(key) + ":" + own));
            return bytes(write(root));
        }

        /** A whole document; {@code @@VALID@@} stands for the valid body. */
        byte[] document(Fixtures f, String raw) {
            String valid = write(body.apply(f));
            String text = raw.replace("@@VALID_IN_ARRAY@@", "[" + valid + "]")
                    .replace("@@VALID_COMMA@@", valid.substring(0, valid.length() - 1) + ",}")
                    .replace("@@VALID_DEEP@@", "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "," + valid.substring(1))
                    .replace("@@VALID@@", valid);
            if (text.equals("@@VALID_LATIN1@@")) {
                ObjectNode b = body.apply(f);
                String name = b.fieldNames().next();
                b.putRawValue(name, new RawValue("\"Ho@@B:e9@@st\""));
                return bytes(write(b));
            }
            return bytes(text);
        }

        byte[] truncated(Fixtures f, int at) {
            byte[] valid = validBody(f);
            int length = at == -1 ? valid.length - 1 : at == -2 ? valid.length / 2 : at;
            return java.util.Arrays.copyOf(valid, length);
        }

        String changedQuery(Fixtures f, String name, String raw) {
            String valid = query == null ? "" : query.apply(f);
            String service = raw.contains("@course@") ? f.courseService : raw.contains("@appointment@") ? f.apptService
                    : null;
            raw = raw.replace("@course@", "").replace("@appointment@", "");
            List<String> parts = new ArrayList<>();
            boolean replaced = false;
            for (String part : valid.isEmpty() ? new String[0] : valid.split("&")) {
                String key = part.substring(0, part.indexOf('='));
                if (service != null && key.equals("serviceId")) {
                    parts.add("serviceId=" + service);
                } else if (key.equals(name)) {
                    replaced = true;
                    if (!raw.equals(MISSING)) {
                        parts.add(name + "=" + raw);
                    }
                } else if (!(raw.contains("&" + key + "=") || raw.startsWith(key + "="))) {
                    parts.add(part);
                }
            }
            if (!replaced && !raw.equals(MISSING)) {
                parts.add(name + "=" + raw);
            }
            return String.join("&", parts);
        }
    }

    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        Matcher m = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]").matcher(path);
        while (m.find()) {
            steps.add(m.group(1) != null ? m.group(1) : (Object) Integer.parseInt(m.group(2)));
        }
        return steps;
    }

    // ---- random pieces ----------------------------------------------------------------------------------------

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static String randomDigits(Random random, int length) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < length; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    private static String randomTrailer(Random random) {
        String[] trailers = {" {}", " x", "]", "}", " 0", " \"s\"", " true", " null", ",", " [1]", " {\"a\":1}", ";",
                " //", " #"};
        return trailers[random.nextInt(trailers.length)] + " ".repeat(random.nextInt(3));
    }

    private static String randomParamName(Random random) {
        String[] names = {"page", "size", "sort", "status", "from", "to", "after", "limit", "participants", "x"};
        return names[random.nextInt(names.length)];
    }

    private static String randomPercent(Random random) {
        StringBuilder text = new StringBuilder(randomText(random, 1 + random.nextInt(5)));
        for (int i = random.nextInt(3); i >= 0; i--) {
            text.append('%').append(String.format("%02X", random.nextInt(256)));
        }
        return text.toString();
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    static String[] auth(String key) {
        return new String[]{"Authorization", "Bearer " + key};
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }

    static String cut(String text, int max) {
        String flat = text == null ? "" : text.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= max ? flat : flat.substring(0, max) + "...";
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** UTF-8 bytes of {@code text}, with each {@code @@B:hex@@} replaced by those raw bytes. */
    static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Matcher m = BYTES.matcher(text);
        int at = 0;
        while (m.find()) {
            out.writeBytes(text.substring(at, m.start()).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(HexFormat.of().parseHex(m.group(1)));
            at = m.end();
        }
        out.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** An answer as it came off the socket. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }

    /**
     * HTTP/1.1 over a plain socket: the request exactly as built. The connection is kept for the next request while
     * the server keeps it (it closes it after what it cannot parse); a request that finds it closed before any answer
     * came is sent again on a new one.
     */
    private static final class Wire {
        private final int port;
        private Socket socket;
        private java.io.BufferedInputStream in;

        Wire(int port) {
            this.port = port;
        }

        Answer send(Request request) {
            StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.target())
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String[] h : request.headers()) {
                head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            if (request.body() != null) {
                head.append("Content-Length: ").append(request.body().length).append("\r\n");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (request.body() != null) {
                out.writeBytes(request.body());
            }
            for (int attempt = 0; ; attempt++) {
                try {
                    if (socket == null) {
                        socket = new Socket("127.0.0.1", port);
                        // a stream that accepted its request yet sent no head would otherwise hang the run
                        socket.setSoTimeout(request.target().startsWith("/api/v1/stream/") ? 10_000 : 30_000);
                        in = new java.io.BufferedInputStream(socket.getInputStream());
                    }
                    try {
                        socket.getOutputStream().write(out.toByteArray());
                        socket.getOutputStream().flush();
                    } catch (IOException e) {
                        // the server may answer and close before it read everything (413): read what it said
                    }
                    Answer answer = read();
                    if ("close".equalsIgnoreCase(answer.header("connection"))) {
                        close();
                    }
                    return answer;
                } catch (NoAnswer e) {
                    close();
                    if (attempt > 0) {
                        throw new IllegalStateException("no answer to " + request.summary(), e);
                    }
                } catch (IOException e) {
                    close();
                    throw new IllegalStateException(e);
                }
            }
        }

        private void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException e) {
                // gone already
            }
            socket = null;
        }

        /** The connection ended before the first byte of an answer. */
        private static final class NoAnswer extends IOException {
            NoAnswer(Throwable cause) {
                super(cause);
            }
        }

        private Answer read() throws IOException {
            String status;
            try {
                status = line();
            } catch (IOException e) {
                throw new NoAnswer(e);
            }
            if (status == null) {
                throw new NoAnswer(null);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (headers.getOrDefault("content-type", "").startsWith("text/event-stream")) {
                // a stream that opened: it never ends, so its head is the answer and the connection is dropped
                headers.put("connection", "close");
                return new Answer(Integer.parseInt(status.split(" ")[1]), headers, new byte[0]);
            }
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (String size = line(); size != null; size = line()) {
                    int semicolon = size.indexOf(';');
                    int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                    if (n == 0) {
                        while (!"".equals(line())) {
                            // trailers, then the blank line
                        }
                        break;
                    }
                    body.writeBytes(in.readNBytes(n));
                    line();
                }
            } else if (status.startsWith("HTTP/1.1 204") || status.startsWith("HTTP/1.1 304")) {
                // no body
            } else if (headers.containsKey("content-length")) {
                body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else {
                body.writeBytes(in.readAllBytes());
                headers.put("connection", "close");
            }
            return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body.toByteArray());
        }

        /** One line of the head, without its CRLF; null at the end of the stream before any byte of it. */
        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); ; b = in.read()) {
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
                }
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
        }
    }

    /** The event table, read after each case: what came after the last position seen, minus the system's own. */
    private static final class Events {
        private final JdbcTemplate db;
        long head;
        /** The aggregates the last {@link #written()} found events of (the system's included). */
        final Set<String> aggregates = new java.util.HashSet<>();

        Events(JdbcTemplate db) {
            this.db = db;
            Long max = db.queryForObject("select max(global_index) from domain_event_entry", Long.class);
            this.head = max == null ? -1 : max;
        }

        /** Webhooks registered, and deliveries queued for {@code webhook}: what a refused request must not change. */
        long webhookRows(String webhook) {
            Long rows = db.queryForObject("select (select count(*) from webhook_subscription) + (select count(*) from "
                    + "webhook_delivery where webhook_id = ?)", Long.class, webhook);
            return rows == null ? 0 : rows;
        }

        List<String> written() {
            List<Map<String, Object>> rows = db.queryForList("select global_index, aggregate_identifier, payload_type, "
                    + "meta_data from domain_event_entry where global_index > ? order by global_index", head);
            List<String> types = new ArrayList<>();
            aggregates.clear();
            for (Map<String, Object> row : rows) {
                aggregates.add(String.valueOf(row.get("aggregate_identifier")));
                head = Math.max(head, ((Number) row.get("global_index")).longValue());
                String metadata = new String((byte[]) row.get("meta_data"), StandardCharsets.UTF_8);
                if (!metadata.contains("\"actor\":\"system\"")) {
                    String type = String.valueOf(row.get("payload_type"));
                    types.add(type.substring(type.lastIndexOf('.') + 1));
                }
            }
            return types;
        }
    }

    /**
     * The services, sessions and bookings the valid requests aim at. Bookings are made again when a case was
     * accepted (a valid request, or a defect): each transition's target is then in its starting state again.
     */
    static final class Fixtures {
        private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
        private final AtomicLong counter = new AtomicLong();
        private final String run = UUID.randomUUID().toString().substring(0, 8);
        private final Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        private final LocalDate firstDay = LocalDate.now(BERLIN).plusDays(3);
        private final List<String> checkouts = new ArrayList<>();
        final String classService;
        final String session1;
        final String session2;
        final String approvalService;
        final String approvalSession;
        final String apptService;
        final String courseService;
        String putService;
        String confirmed;
        String pending;
        String checkout;
        String canceled;
        String paid;
        String appointment;
        private int slot = -3;
        /** An appointment service with providers p-1 and p-2, its booking of p-1, and the next slot to ask of it. */
        final String providerService;
        String providerBooking;
        private int providerSlot;
        /** A webhook for a type no case writes (no delivery queued), and one to delete. */
        final String webhook;
        String deletable;

        Fixtures() {
            classService = fresh("hs");
            session1 = classService + "-1";
            session2 = classService + "-2";
            create("/services", classServiceBody(classService, List.of(session(session1, start, 1000),
                    session(session2, start.plus(2, ChronoUnit.HOURS), 1000)), false));
            approvalService = fresh("hs");
            approvalSession = approvalService + "-1";
            create("/services", classServiceBody(approvalService, List.of(session(approvalSession, start, 1000)), true));
            apptService = fresh("ha");
            create("/services", appointmentServiceBody(apptService));
            courseService = fresh("hk");
            create("/services", courseServiceBody(courseService));
            providerService = fresh("ha");
            create("/services", providerServiceBody(providerService));
            providerBooking = book(providerBookingBody(), Api.BOOKER);
            webhook = post("/webhooks", write(webhookBody()), Api.OWNER, 201).path("webhookId").asText();
        }

        String fresh(String prefix) {
            return prefix + "-" + run + "-" + counter.incrementAndGet();
        }

        Instant now() {
            return Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }

        /**
         * A case wrote events: the targets among {@code aggregates} are made again, and so is the appointment when
         * any appointment time was taken (the valid requests' slots may be gone).
         */
        void touched(Set<String> aggregates, List<String> types) {
            putService = aggregates.contains(putService) ? null : putService;
            confirmed = aggregates.contains(confirmed) ? null : confirmed;
            pending = aggregates.contains(pending) ? null : pending;
            checkout = aggregates.contains(checkout) ? null : checkout;
            canceled = aggregates.contains(canceled) ? null : canceled;
            paid = aggregates.contains(paid) ? null : paid;
            if (aggregates.contains(appointment) || types.stream().anyMatch(t -> t.startsWith("Appointment"))) {
                appointment = null;
            }
        }

        /** Makes the targets that are not (or no longer) in their starting state. */
        void ready() {
            if (deletable == null) {
                deletable = post("/webhooks", write(webhookBody()), Api.OWNER, 201).path("webhookId").asText();
            }
            if (putService == null) {
                putService = fresh("hs");
                create("/services", classServiceBody(putService, List.of(), false));
            }
            if (confirmed == null) {
                confirmed = book(classBooking(), Api.BOOKER);
            }
            if (pending == null) {
                pending = book(booking(approvalService, approvalSession), Api.BOOKER);
            }
            if (checkout == null) {
                ObjectNode online = classBooking();
                ((ObjectNode) online.get("payment")).put("option", "ONLINE").remove("method");
                checkout = book(online, Api.BOOKER);
                checkouts.add(checkout);
            }
            if (canceled == null) {
                canceled = book(classBooking(), Api.BOOKER);
                post("/bookings/" + canceled + "/cancel", "{}", Api.OWNER, 200);
            }
            if (paid == null) {
                paid = book(classBooking(), Api.BOOKER);
                post("/bookings/" + paid + "/mark-paid", "{}", Api.OWNER, 200);
            }
            if (appointment == null) {
                slot += 3; // this booking's slot, the valid booking's and the valid reschedule's
                appointment = book(appointmentBooking(slot(slot)), Api.BOOKER);
            }
        }

        /** Leaves no checkout to expire later in the shared engine. */
        void close() {
            Answer list = wire.send(new Request("GET", "/api/v1/webhooks", List.<String[]>of(auth(Api.OWNER)), null));
            for (JsonNode hook : list.json().path("webhooks")) {
                if (hook.path("description").asText().equals("hostile " + run)) {
                    wire.send(new Request("DELETE", "/api/v1/webhooks/" + hook.path("webhookId").asText(),
                            List.<String[]>of(auth(Api.OWNER)), null));
                }
            }
            for (String id : checkouts) {
                wire.send(new Request("POST", "/api/v1/bookings/" + id + "/cancel", List.<String[]>of(auth(Api.OWNER),
                        new String[]{"Content-Type", "application/json"}), bytes("{}")));
            }
        }

        // -- valid bodies

        ObjectNode classServiceBody() {
            String id = fresh("hs");
            return classServiceBody(id, List.of(session(id + "-1", start, 5)), false);
        }

        ObjectNode classServiceBody(String id, List<ObjectNode> sessions, boolean approval) {
            ObjectNode body = JSON.createObjectNode();
            body.put("serviceId", id).put("name", "Hostile yoga").put("type", "CLASS").put("timeZone", "Europe/Berlin")
                    .put("location", "Studio 1");
            body.putObject("price").put("amount", "20.00").put("currency", "EUR");
            body.putArray("paymentOptions").add("IN_PERSON").add("ONLINE");
            body.put("requiresApproval", approval);
            body.putArray("formFields").addObject().put("name", "note").put("required", false);
            body.set("policy", policy());
            body.put("capacity", 1000);
            body.putArray("sessions").addAll(sessions);
            return body;
        }

        ObjectNode policy() {
            ObjectNode policy = JSON.createObjectNode();
            policy.put("minNoticeMinutes", 0).put("maxAdvanceDays", 400).put("cancellationWindowMinutes", 0)
                    .put("maxParticipantsPerBooking", 5).put("waitlistCapacity", 2).put("bufferMinutes", 0)
                    .put("checkoutTimeoutMinutes", 15);
            return policy;
        }

        ObjectNode session(String id, Instant from, int capacity) {
            ObjectNode session = JSON.createObjectNode();
            session.put("sessionId", id).put("start", from.toString()).put("end", from.plus(1, ChronoUnit.HOURS)
                    .toString()).put("capacity", capacity);
            return session;
        }

        ObjectNode appointmentServiceBody() {
            return appointmentServiceBody(fresh("ha"));
        }

        ObjectNode appointmentServiceBody(String id) {
            ObjectNode body = JSON.createObjectNode();
            body.put("serviceId", id).put("name", "Hostile haircut").put("type", "APPOINTMENT")
                    .put("timeZone", "Europe/Berlin");
            body.putObject("price").put("amount", "30.00").put("currency", "EUR");
            body.putArray("paymentOptions").add("IN_PERSON");
            ArrayNode hours = body.putArray("workingHours");
            for (String day : new String[]{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}) {
                hours.addObject().put("day", day).put("start", "08:00").put("end", "20:00");
            }
            body.put("slotMinutes", 30);
            body.set("policy", policy());
            return body;
        }

        ObjectNode providerServiceBody() {
            return providerServiceBody(fresh("ha"));
        }

        ObjectNode providerServiceBody(String id) {
            ObjectNode body = appointmentServiceBody(id);
            body.put("name", "Hostile barbers");
            body.set("providers", providers());
            return body;
        }

        ArrayNode providers() {
            ArrayNode providers = JSON.createArrayNode();
            providers.addObject().put("providerId", "p-1").put("name", "Ann");
            ObjectNode second = providers.addObject().put("providerId", "p-2").put("name", "Bob");
            second.set("workingHours", appointmentServiceBody("x").get("workingHours"));
            return providers;
        }

        ObjectNode updateProviderServiceBody() {
            ObjectNode body = providerServiceBody(providerService);
            body.remove("serviceId");
            return body;
        }

        /** A booking of p-1 at a slot of its own (every body takes the next one). */
        ObjectNode providerBookingBody() {
            ObjectNode body = booking(providerService, null);
            body.remove("formInfo");
            Instant at = slot(providerSlot++);
            body.put("start", at.toString()).put("end", at.plus(30, ChronoUnit.MINUTES).toString())
                    .put("providerId", "p-1");
            return body;
        }

        ObjectNode providerRescheduleBody() {
            Instant at = slot(providerSlot++);
            ObjectNode body = JSON.createObjectNode();
            body.put("start", at.toString()).put("end", at.plus(30, ChronoUnit.MINUTES).toString())
                    .put("providerId", "p-2");
            return body;
        }

        ObjectNode providerCheckBody() {
            Instant at = slot(providerSlot);
            ObjectNode body = JSON.createObjectNode();
            body.put("serviceId", providerService).put("start", at.toString())
                    .put("end", at.plus(30, ChronoUnit.MINUTES).toString()).put("participants", 1)
                    .put("providerId", "p-1");
            return body;
        }

        ObjectNode webhookBody() {
            ObjectNode body = JSON.createObjectNode();
            body.put("url", "http://127.0.0.1:9/hostile-hook").put("description", "hostile " + run);
            body.putArray("eventTypes").add("WaitlistLeftEvent");
            return body;
        }

        ObjectNode replayBody() {
            ObjectNode body = JSON.createObjectNode();
            body.put("fromPosition", events.head);
            return body;
        }

        ObjectNode courseServiceBody() {
            return courseServiceBody(fresh("hk"));
        }

        ObjectNode courseServiceBody(String id) {
            ObjectNode body = JSON.createObjectNode();
            body.put("serviceId", id).put("name", "Hostile course").put("type", "COURSE")
                    .put("timeZone", "Europe/Berlin");
            body.putObject("price").put("amount", "90.00").put("currency", "EUR");
            body.putArray("paymentOptions").add("IN_PERSON");
            body.put("capacity", 1000);
            body.set("policy", policy());
            ArrayNode sessions = body.putArray("sessions");
            for (int i = 0; i < 3; i++) {
                ObjectNode s = session(id + "-" + (i + 1), start.plus(7L * i, ChronoUnit.DAYS), 1000);
                s.remove("capacity");
                sessions.add(s);
            }
            return body;
        }

        ObjectNode updateServiceBody() {
            ObjectNode body = classServiceBody(putService, List.of(), false);
            body.remove("serviceId");
            body.remove("sessions");
            body.put("name", "Hostile yoga, new terms");
            return body;
        }

        ObjectNode sessionBody() {
            return session(fresh("hx"), start.plus(3, ChronoUnit.HOURS), 5);
        }

        ObjectNode weeklyBody() {
            // a random week, so repeats of the valid body name new sessions
            LocalDate from = LocalDate.of(2031, 1, 1).plusDays(7L * (counter.incrementAndGet() % 5000));
            ObjectNode body = JSON.createObjectNode();
            ObjectNode weekly = body.putObject("weekly");
            weekly.putArray("days").add("TUESDAY");
            weekly.put("start", "18:00").put("end", "19:00").put("from", from.toString())
                    .put("until", from.plusDays(6).toString());
            body.put("capacity", 5);
            return body;
        }

        ObjectNode percentCouponBody() {
            ObjectNode body = JSON.createObjectNode();
            body.put("code", fresh("HC")).put("percentOff", 10).put("validUntil", "2030-01-01T00:00:00Z")
                    .put("maxUses", 5);
            return body;
        }

        ObjectNode amountCouponBody() {
            ObjectNode body = JSON.createObjectNode();
            body.put("code", fresh("HC"));
            body.putObject("amountOff").put("amount", "5.00").put("currency", "EUR");
            return body;
        }

        ObjectNode planBody() {
            ObjectNode body = JSON.createObjectNode();
            body.put("planId", fresh("hp")).put("name", "Ten classes").put("credits", 10);
            body.putArray("serviceIds").add(classService);
            return body;
        }

        ObjectNode classBooking() {
            return booking(classService, session1);
        }

        ObjectNode booking(String service, String session) {
            ObjectNode body = JSON.createObjectNode();
            body.put("bookingId", UUID.randomUUID().toString()).put("serviceId", service);
            if (session != null) {
                body.put("sessionId", session);
            }
            body.put("participants", 1);
            body.putObject("contact").put("contactId", "hc-1").put("firstName", "Ada").put("lastName", "Lovelace")
                    .put("email", "ada@example.com").put("phone", "+49 30 1234").put("address", "1 Main St");
            body.putObject("formInfo").put("note", "window seat");
            body.putObject("payment").put("option", "IN_PERSON").put("method", "cash");
            body.put("joinWaitlist", false);
            return body;
        }

        ObjectNode classBookingBody() {
            return classBooking();
        }

        ObjectNode appointmentBookingBody() {
            return appointmentBooking(slot(slot + 1));
        }

        ObjectNode appointmentBooking(Instant at) {
            ObjectNode body = booking(apptService, null);
            body.remove("formInfo");
            body.put("start", at.toString()).put("end", at.plus(30, ChronoUnit.MINUTES).toString());
            return body;
        }

        ObjectNode courseBookingBody() {
            ObjectNode body = booking(courseService, null);
            body.remove("formInfo");
            return body;
        }

        Instant slot(int k) {
            return ZonedDateTime.of(firstDay.plusDays(k / 24), LocalTime.of(8, 0).plusMinutes(30L * (k % 24)), BERLIN)
                    .toInstant();
        }

        ObjectNode transitionBody() {
            ObjectNode body = JSON.createObjectNode();
            body.put("expectedRevision", 1).put("reason", "hostile test");
            return body;
        }

        ObjectNode approvalBody() {
            ObjectNode body = JSON.createObjectNode();
            body.put("transactionId", fresh("tx")).put("expectedRevision", 1);
            return body;
        }

        ObjectNode rescheduleBody() {
            ObjectNode body = JSON.createObjectNode();
            body.put("sessionId", session2).put("expectedRevision", 1);
            return body;
        }

        ObjectNode appointmentRescheduleBody() {
            Instant at = slot(slot + 2);
            ObjectNode body = JSON.createObjectNode();
            body.put("start", at.toString()).put("end", at.plus(30, ChronoUnit.MINUTES).toString());
            return body;
        }

        ObjectNode participantsBody() {
            ObjectNode body = JSON.createObjectNode();
            body.put("participants", 2).put("expectedRevision", 1);
            return body;
        }

        ObjectNode appointmentCheckBody() {
            Instant at = slot(slot + 1);
            ObjectNode body = JSON.createObjectNode();
            body.put("serviceId", apptService).put("start", at.toString())
                    .put("end", at.plus(30, ChronoUnit.MINUTES).toString()).put("participants", 1);
            return body;
        }

        ObjectNode checkBody() {
            ObjectNode body = JSON.createObjectNode();
            body.put("serviceId", classService).put("sessionId", session1).put("participants", 1);
            return body;
        }

        // -- writing them

        private void create(String path, ObjectNode body) {
            post(path, write(body), Api.OWNER, 201);
        }

        private String book(ObjectNode body, String key) {
            return post("/bookings", write(body), key, 201).path("bookingId").asText();
        }

        private JsonNode post(String path, String body, String key, int status) {
            Answer answer = wire.send(new Request("POST", "/api/v1" + path, List.<String[]>of(auth(key),
                    new String[]{"Content-Type", "application/json"}), bytes(body)));
            if (answer.status() != status) {
                throw new IllegalStateException("fixture " + path + " answered " + answer.status() + ": "
                        + cut(answer.text(), 300) + " for " + cut(body, 300));
            }
            events.written();
            return answer.json();
        }
    }
}

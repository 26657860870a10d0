package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal is problem+json with a detail (SPEC §4 errors), also where no controller sees the request: Tomcat's
 * own 400s for URLs it cannot take, Spring Security's firewall, the error page, unknown paths and methods. Requests
 * go over a plain socket, exactly as written. Details that echo input are capped, and a client error is one log
 * line without a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContainerErrorsApiTest extends EngineTest {

    private static final int MAX_DETAIL = 300;
    private static final String LONG_ID = "x".repeat(7000);

    @Test
    void urlsTomcatCannotTakeAre400Problems() {
        for (String path : List.of("/api/v1/bookings/a%2Fb", "/api/v1/bookings/a%5Cb", "/api/v1/bookings/a%00b")) {
            problem(get(path, Api.OWNER), 400);
        }
    }

    @Test
    void aUrlOverTheHeaderLimitIsA400Problem() {
        RawHttp.Exchange answer = problem(get("/api/v1/bookings/" + "x".repeat(9000), Api.OWNER), 400);
        assertThat(answer.body().length()).isLessThan(1000);
    }

    @Test
    void aMalformedRequestLineIsA400Problem() {
        problem(raw.socket("GARBAGE"), 400);
        problem(raw.socket("GET /api/v1/boo|kings HTTP/1.1\nHost: localhost"), 400);
    }

    @Test
    void traceIsA405Problem() {
        RawHttp.Exchange answer = problem(raw.socket("TRACE /api/v1/bookings HTTP/1.1\nHost: localhost\n"
                + "Authorization: Bearer " + Api.OWNER), 405);
        assertThat(answer.header("Allow")).contains("GET").doesNotContain("TRACE");
        assertThat(answer.body()).doesNotContain(Api.OWNER);
    }

    @Test
    void whatTheFirewallRefusesIsA400ProblemSayingWhat() {
        assertThat(problem(get("/api/v1/bookings/a;b", Api.OWNER), 400).json().path("detail").asText())
                .contains(";");
        assertThat(problem(get("/api/v1//bookings", Api.OWNER), 400).json().path("detail").asText())
                .contains("//");
        assertThat(problem(get("/api/v1/bookings/../bookings", Api.OWNER), 400).json().path("detail").asText())
                .contains("normalized");
        problem(raw.socket("FOO /api/v1/bookings HTTP/1.1\nHost: localhost\nAuthorization: Bearer " + Api.OWNER), 400);
    }

    @Test
    void theErrorPageCalledDirectlyIsA404ProblemWithoutAKey() {
        problem(get("/error", null), 404);
        problem(raw.socket("POST /error HTTP/1.1\nHost: localhost\nContent-Length: 0"), 404);
    }

    @Test
    void unknownPathsAre404ProblemsForKnownKeysAnd401Otherwise() {
        RawHttp.Exchange unknown = problem(get("/api/v1/nope", Api.OWNER), 404);
        assertThat(unknown.json().path("instance").asText()).isEqualTo("/api/v1/nope");
        problem(get("/nope", Api.AUDITOR), 404);
        problem(get("/api/v1/nope", null), 401);
    }

    @Test
    void aWrongMethodIsA405ProblemNamingTheAllowedOnes(CapturedOutput output) {
        RawHttp.Exchange answer = problem(raw.socket("DELETE /api/v1/bookings HTTP/1.1\nHost: localhost\n"
                + "Authorization: Bearer " + Api.OWNER), 405);
        assertThat(answer.header("Allow")).contains("GET", "POST");
        assertThat(output.getOut()).doesNotContain("PageNotFound").contains("DELETE /api/v1/bookings answered 405");
    }

    @Test
    void refusalsOfNdjsonRequestsAreProblemsToo() {
        for (String accept : List.of("application/x-ndjson, application/problem+json", "application/x-ndjson")) {
            RawHttp.Exchange answer = problem(raw.socket("GET /api/v1/events?after=-1 HTTP/1.1\nHost: localhost\n"
                    + "Authorization: Bearer " + Api.AUDITOR + "\nAccept: " + accept), 400);
            assertThat(answer.json().path("field").asText()).isEqualTo("after");
        }
    }

    @Test
    void detailsThatEchoInputAreCapped() {
        // a 7,000-character id, looked up by the query side (no such booking), sent to the command side (longer than
        // an id may be: 400), and as an unknown path
        capped(problem(get("/api/v1/bookings/" + LONG_ID, Api.OWNER), 404));
        capped(problem(raw.socket("POST /api/v1/bookings/" + LONG_ID + "/cancel HTTP/1.1\nHost: localhost\n"
                + "Authorization: Bearer " + Api.OWNER + "\nContent-Type: application/json\nContent-Length: 2\n\n{}"),
                400));
        capped(problem(get("/api/v1/" + LONG_ID, Api.OWNER), 404));
        // and a query parameter of the wrong type
        capped(problem(get("/api/v1/bookings?status=" + LONG_ID, Api.OWNER), 400));
    }

    @Test
    void clientErrorsLogOneLineEachWithoutAStackTrace(CapturedOutput output) {
        // given requests that each used to log a stack trace, a WARN or nothing at all
        List<RawHttp.Exchange> answers = List.of(
                get("/api/v1/bookings?page=2147483647&size=200", Api.OWNER),
                get("/api/v1/bookings?sort=,", Api.OWNER),
                raw.socket("GET /api/v1/events?after=-1 HTTP/1.1\nHost: localhost\nAuthorization: Bearer "
                        + Api.AUDITOR + "\nAccept: application/x-ndjson, application/problem+json"),
                get("/error", null),
                get("/api/v1/bookings/a%2Fb", Api.OWNER),
                get("/api/v1/bookings/a;b", Api.OWNER),
                get("/api/v1/bookings/" + "x".repeat(9000), Api.OWNER),
                raw.socket("TRACE /api/v1/bookings HTTP/1.1\nHost: localhost"),
                raw.socket("DELETE /api/v1/bookings HTTP/1.1\nHost: localhost\nAuthorization: Bearer " + Api.OWNER),
                get("/api/v1/bookings/" + LONG_ID, Api.OWNER),
                get("/api/v1/nope", null));

        // then each was a 4xx problem, logged as exactly one line and no stack trace anywhere
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        });
        List<String> lines = output.getOut().lines().toList();
        assertThat(lines.stream().filter(line -> line.contains("ClientErrors")))
                .as(output.getOut()).hasSize(answers.size())
                .allSatisfy(line -> assertThat(line).contains(" INFO ").hasSizeLessThan(600));
        assertThat(lines).as(output.getOut())
                .noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception") || line.contains(" ERROR "));
    }

    private static RawHttp.Exchange get(String path, String key) {
        return raw.socket("GET " + path + " HTTP/1.1\nHost: localhost" + (key == null ? "" : "\nAuthorization: Bearer "
                + key));
    }

    /** Asserts an RFC 9457 problem with {@code status} and a non-blank detail, and returns it. */
    private static RawHttp.Exchange problem(RawHttp.Exchange answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank().hasSizeLessThanOrEqualTo(MAX_DETAIL);
        return answer;
    }

    /** Asserts that a problem echoing a 7,000-character input stayed small. */
    private static void capped(RawHttp.Exchange answer) {
        assertThat(answer.body().length()).as(answer.body()).isLessThan(1000);
        JsonNode problem = answer.json();
        assertThat(problem.path("detail").asText()).hasSizeLessThanOrEqualTo(MAX_DETAIL);
        assertThat(problem.path("instance").asText()).hasSizeLessThanOrEqualTo(MAX_DETAIL);
        // cut where it echoes: the detail with an ellipsis, the instance (a URI reference, so ASCII) with "..."
        assertThat(problem.path("detail").asText().contains("…") || problem.path("instance").asText().endsWith("..."))
                .as(answer.body()).isTrue();
    }
}

package com.bookingengine.standalone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations page is served by the engine without a key, under a strict Content-Security-Policy, while everything
 * else stays as strict as before: the API still needs a key, and unknown paths are still 404 problems.
 */
class OperationsPageApiTest extends EngineTest {

    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @Test
    void thePageAndItsFilesNeedNoKey() {
        for (String path : new String[]{"/", "/index.html"}) {
            RawHttp.Exchange page = get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("<script src=\"/ops/ops.js\" defer></script>");
            assertThat(page.header("Content-Security-Policy"))
                    .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'");
        }
        RawHttp.Exchange script = get("/ops/ops.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).contains("javascript");
        assertThat(script.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(get("/ops/ops.css").header("Content-Type")).startsWith("text/css");
        assertThat(get("/ops/icon.svg").header("Content-Type")).startsWith("image/svg+xml");
    }

    @Test
    void theRestStaysAsStrictAsBefore() {
        RawHttp.Exchange missing = get("/ops/nope.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        RawHttp.Exchange api = get("/api/v1/services");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        assertThat(get("/nope").status()).isEqualTo(401);
        assertThat(get("/api/v1/services").header("Content-Security-Policy")).isNull();
    }

    private static RawHttp.Exchange get(String path) {
        return raw.socket("GET " + path + " HTTP/1.1\nHost: localhost\nAccept: " + BROWSER_ACCEPT);
    }
}

package com.bookingengine.query.webhook;

import com.bookingengine.platform.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which addresses count as internal, and the backoff between attempts. */
class WebhookTargetsTest {

    private static WebhookProperties properties(boolean allowPrivate, List<String> allowed) {
        return new WebhookProperties(allowed, allowPrivate, null, Duration.ofSeconds(5), Duration.ofHours(1), null,
                null, 0, null, null);
    }

    @Test
    void internalAddressesAreRecognised() throws Exception {
        for (String internal : List.of("127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "::", "10.0.0.1", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "169.254.169.254", "fe80::1", "fd00::1", "fc00::1", "100.64.0.1",
                "100.127.255.255", "224.0.0.1", "255.255.255.255", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                "198.18.0.1", "192.0.0.8")) {
            assertThat(WebhookTargets.internal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String external : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "193.99.144.80",
                "2001:4860:4860::8888")) {
            assertThat(WebhookTargets.internal(InetAddress.getByName(external))).as(external).isFalse();
        }
    }

    @Test
    void privateTargetsAreRefusedUnlessAllowed() {
        WebhookTargets strict = new WebhookTargets(properties(false, List.of("10.1.2.3", "::1")));
        assertThat(strict.refusal(URI.create("http://10.1.2.3/x"))).isNull();
        assertThat(strict.refusal(URI.create("http://[::1]:8080/x"))).isNull();
        assertThat(strict.refusal(URI.create("http://10.1.2.4/x"))).contains("private");
        assertThatThrownBy(() -> strict.accept("http://127.0.0.1/x")).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("url");
        WebhookTargets open = new WebhookTargets(properties(true, List.of()));
        assertThat(open.accept("http://127.0.0.1:9/x")).hasHost("127.0.0.1");
        assertThatThrownBy(() -> open.accept("file:///etc/passwd")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void backoffDoublesWithJitterUpToTheMaximum() {
        WebhookProperties properties = properties(true, List.of());
        for (int attempt = 1; attempt <= 12; attempt++) {
            long base = Math.min(3_600_000L, 5_000L << (attempt - 1));
            long millis = WebhookSender.backoff(properties, attempt).toMillis();
            assertThat(millis).as("attempt " + attempt).isBetween((long) (base * 0.75), Math.min(3_600_000L,
                    (long) (base * 1.25)));
        }
        assertThat(WebhookSender.backoff(properties, 1000).toMillis()).isBetween(2_700_000L, 3_600_000L);
    }
}

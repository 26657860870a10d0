package com.bookingengine.query.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How webhooks are sent ({@code booking.webhooks.*}). The defaults follow SPEC §7: a receiver has 15 s to answer
 * 2xx, failures are retried with exponential backoff and jitter for at least 24 h, then parked. Tests shrink the
 * durations to seconds.
 *
 * @param allowedHosts        host names or literal addresses that may be targets even though they are loopback or
 *                            private (an internal receiver); compared case-insensitively with the URL's host
 * @param allowPrivateTargets whether loopback and private targets are allowed at all: true only in the embedded
 *                            default (a development setup), so a webhook cannot probe an operator's network
 * @param timeout             how long a receiver has to connect and answer before the attempt counts as failed
 * @param initialBackoff      the pause after the first failed attempt; doubled after each further failure
 * @param maxBackoff          the longest pause between two attempts
 * @param maxAge              how long a delivery is retried from when it was queued; after a failure past this age it
 *                            is parked
 * @param pollInterval        how often each node looks for due deliveries when it found none the last time
 * @param threads             how many deliveries one node sends at once (the bounded pool: a slow receiver never
 *                            holds up more than these threads, and never a command)
 * @param deliveredRetention  how long acknowledged deliveries stay listed before they are deleted
 * @param outboxPace          the least time between two batches of the outbox processor while it keeps up (200 ms;
 *                            zero: none): under load the events of that time become one transaction instead of one
 *                            each, and deliveries wait for the senders' poll anyway
 */
@ConfigurationProperties(prefix = "booking.webhooks")
public record WebhookProperties(List<String> allowedHosts, boolean allowPrivateTargets, Duration timeout,
                                Duration initialBackoff, Duration maxBackoff, Duration maxAge, Duration pollInterval,
                                int threads, Duration deliveredRetention, Duration outboxPace) {

    public WebhookProperties {
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        timeout = orDefault(timeout, Duration.ofSeconds(15));
        initialBackoff = orDefault(initialBackoff, Duration.ofSeconds(5));
        maxBackoff = orDefault(maxBackoff, Duration.ofHours(1));
        maxAge = orDefault(maxAge, Duration.ofHours(24));
        pollInterval = orDefault(pollInterval, Duration.ofSeconds(1));
        threads = threads <= 0 ? 4 : threads;
        deliveredRetention = orDefault(deliveredRetention, Duration.ofDays(7));
        outboxPace = outboxPace == null || outboxPace.isNegative() ? Duration.ofMillis(200) : outboxPace;
    }

    /**
     * How long a node keeps a claimed delivery to itself: longer than any attempt can take, so only a node that died
     * in the middle of sending lets another node send it again (with the same webhook-id).
     */
    Duration lease() {
        return timeout.multipliedBy(2).plusSeconds(30);
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null || value.isNegative() || value.isZero() ? fallback : value;
    }
}

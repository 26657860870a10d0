package com.bookingengine.query.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due deliveries over HTTP, on every node, without two nodes ever sending the same one at once.
 * <p>
 * Each poll claims due rows in a short transaction ({@code SELECT ... FOR UPDATE SKIP LOCKED}, on PostgreSQL and H2
 * alike) and leases them by moving their {@code next_attempt_at} past the longest possible attempt; then sends them on
 * a bounded pool and records the outcome. A node that dies while sending leaves the lease to run out, after which any
 * node sends the row again under the same {@code webhook-id}. A row is due only when no earlier delivery of the same
 * aggregate to the same webhook is still unacknowledged, so one booking's events arrive in order.
 * <p>
 * A failure is retried after an exponential backoff with jitter; a failure once the delivery is older than the
 * maximum age parks it, together with the later deliveries of its aggregate that wait behind it.
 */
@Component
class WebhookSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_ERROR = 500;
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    /** Due rows whose earlier deliveries of the same aggregate to the same webhook are all acknowledged. */
    private static final String DUE = """
            select d.delivery_id from webhook_delivery d
            where d.status = 'PENDING' and d.next_attempt_at <= ?
              and not exists (select 1 from webhook_delivery e
                              where e.webhook_id = d.webhook_id and e.aggregate_id = d.aggregate_id
                                and e.status <> 'DELIVERED'
                                and (e.position < d.position or (e.position = d.position and e.delivery_id < d.delivery_id)))
            order by d.position, d.delivery_id
            limit ?
            for update skip locked""";

    private final WebhookProperties properties;
    private final WebhookTargets targets;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    private volatile boolean running;
    private ScheduledExecutorService poller;
    private ExecutorService senders;
    private Semaphore free;
    private Instant lastPurge = Instant.EPOCH;

    WebhookSender(WebhookProperties properties, WebhookTargets targets, JdbcTemplate jdbc,
                  PlatformTransactionManager transactions) {
        this.properties = properties;
        this.targets = targets;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public synchronized void start() {
        free = new Semaphore(properties.threads());
        AtomicInteger number = new AtomicInteger();
        senders = Executors.newFixedThreadPool(properties.threads(), r -> daemon(r, "webhook-sender-" + number.incrementAndGet()));
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "webhook-poller"));
        running = true;
        long interval = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops polling, gives in-flight attempts a moment, and hands back the leases of those that did not finish. A
     * poll under way ends first, so that no delivery it claims is left leased behind a stopped sender (its lease
     * would hold it back from every node for {@link WebhookProperties#lease()}). The poll is not interrupted but left
     * to end by itself, as it does once it sees the sender stopped, rather than in the middle of a statement.
     */
    @Override
    public synchronized void stop() {
        if (poller == null) {
            return;
        }
        running = false;
        poller.shutdown();
        try {
            if (!poller.awaitTermination(2, TimeUnit.SECONDS)) {
                poller.shutdownNow();
            }
            senders.shutdown();
            if (!senders.awaitTermination(2, TimeUnit.SECONDS)) {
                senders.shutdownNow();
                senders.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            senders.shutdownNow();
        }
        for (Long id : List.copyOf(inFlight)) {
            try {
                jdbc.update("update webhook_delivery set next_attempt_at = ? where delivery_id = ? and status = 'PENDING'",
                        at(clock.instant()), id);
            } catch (RuntimeException e) {
                log.debug("Lease of webhook delivery {} not given back; it runs out by itself", id, e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll() {
        try {
            purge();
            while (running) {
                int room = free.availablePermits();
                if (room == 0) {
                    return;
                }
                List<Claim> claimed = claim(room);
                if (claimed.isEmpty()) {
                    return;
                }
                for (Claim claim : claimed) {
                    free.acquireUninterruptibly();
                    inFlight.add(claim.deliveryId());
                    senders.execute(() -> {
                        try {
                            attempt(claim);
                        } finally {
                            inFlight.remove(claim.deliveryId());
                            free.release();
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Looking for due webhook deliveries failed; trying again in {}", properties.pollInterval(), e);
            }
        }
    }

    /** One claimed delivery with what sending it needs. */
    record Claim(long deliveryId, String messageId, String body, Instant createdAt, int attempts, String webhookId,
                 String aggregateId, long position, String url, String secret) {
    }

    private List<Claim> claim(int limit) {
        Instant now = clock.instant();
        return transaction.execute(status -> {
            List<Long> ids = jdbc.queryForList(DUE, Long.class, at(now), limit);
            if (ids.isEmpty()) {
                return List.of();
            }
            String in = String.join(",", Collections.nCopies(ids.size(), "?"));
            Object[] lease = new Object[ids.size() + 1];
            lease[0] = at(now.plus(properties.lease()));
            for (int i = 0; i < ids.size(); i++) {
                lease[i + 1] = ids.get(i);
            }
            jdbc.update("update webhook_delivery set next_attempt_at = ? where delivery_id in (" + in + ")", lease);
            return jdbc.query("select d.delivery_id, d.message_id, d.body, d.created_at, d.attempts, d.webhook_id,"
                            + " d.aggregate_id, d.position, s.url, s.secret from webhook_delivery d"
                            + " join webhook_subscription s on s.webhook_id = d.webhook_id"
                            + " where d.delivery_id in (" + in + ") order by d.position, d.delivery_id",
                    (r, i) -> new Claim(r.getLong(1), r.getString(2), r.getString(3),
                            r.getObject(4, OffsetDateTime.class).toInstant(), r.getInt(5), r.getString(6),
                            r.getString(7), r.getLong(8), r.getString(9), r.getString(10)),
                    ids.toArray());
        });
    }

    private void attempt(Claim claim) {
        Instant now = clock.instant();
        Outcome outcome = send(claim, now);
        int attempts = claim.attempts() + 1;
        Instant done = clock.instant();
        if (outcome.acknowledged()) {
            jdbc.update("update webhook_delivery set status = 'DELIVERED', attempts = ?, last_status_code = ?,"
                            + " last_error = null, delivered_at = ?, next_attempt_at = ? where delivery_id = ?",
                    attempts, outcome.statusCode(), at(done), at(done), claim.deliveryId());
            return;
        }
        String error = outcome.error().length() <= MAX_ERROR ? outcome.error()
                : outcome.error().substring(0, MAX_ERROR - 1) + "…";
        if (Duration.between(claim.createdAt(), done).compareTo(properties.maxAge()) >= 0) {
            park(claim, attempts, outcome.statusCode(), error, done);
            return;
        }
        Instant next = done.plus(backoff(properties, attempts));
        jdbc.update("update webhook_delivery set attempts = ?, last_status_code = ?, last_error = ?,"
                        + " next_attempt_at = ? where delivery_id = ? and status = 'PENDING'",
                attempts, outcome.statusCode(), error, at(next), claim.deliveryId());
        log.debug("Webhook delivery {} to {} failed ({}); next attempt at {}", claim.deliveryId(), claim.webhookId(),
                error, next);
    }

    /** Parks the delivery and every later one of its aggregate for its webhook, which would only wait behind it. */
    private void park(Claim claim, int attempts, Integer statusCode, String error, Instant now) {
        transaction.executeWithoutResult(status -> {
            jdbc.update("update webhook_delivery set status = 'PARKED', attempts = ?, last_status_code = ?,"
                            + " last_error = ?, next_attempt_at = ? where delivery_id = ? and status = 'PENDING'",
                    attempts, statusCode, error, at(now), claim.deliveryId());
            int behind = jdbc.update("update webhook_delivery set status = 'PARKED', last_error = ?"
                            + " where webhook_id = ? and aggregate_id = ? and status = 'PENDING'"
                            + " and (position > ? or (position = ? and delivery_id > ?))",
                    "waits behind parked delivery " + claim.deliveryId() + " of the same aggregate",
                    claim.webhookId(), claim.aggregateId(), claim.position(), claim.position(), claim.deliveryId());
            log.warn("Webhook delivery {} (webhook {}, aggregate {}) parked after {} attempts over {}: {}{}",
                    claim.deliveryId(), claim.webhookId(), claim.aggregateId(), attempts, properties.maxAge(), error,
                    behind == 0 ? "" : "; " + behind + " later deliveries of the aggregate parked behind it");
        });
    }

    /** The pause after the n-th failed attempt: initial × 2^(n-1), at most the maximum, with ±25 % jitter. */
    static Duration backoff(WebhookProperties properties, int attempts) {
        long initial = properties.initialBackoff().toMillis();
        long max = properties.maxBackoff().toMillis();
        long base = attempts >= 40 ? max : Math.min(max, initial << Math.min(attempts - 1, 40));
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, Math.min(max, (long) (base * jitter))));
    }

    /** What one attempt came to: a 2xx, or an error and the status code when there was an answer. */
    record Outcome(boolean acknowledged, Integer statusCode, String error) {
    }

    private Outcome send(Claim claim, Instant now) {
        URI uri = URI.create(claim.url());
        String refusal = targets.refusal(uri);
        if (refusal != null) {
            return new Outcome(false, null, "not sent: " + refusal);
        }
        long timestamp = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "booking-engine-webhooks")
                .header("webhook-id", claim.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(claim.secret(), claim.messageId(), timestamp,
                        claim.body()))
                .POST(HttpRequest.BodyPublishers.ofString(claim.body()))
                .build();
        CompletableFuture<HttpResponse<Void>> call = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            // The request timeout covers the answer's head; this bounds the whole exchange, body included.
            HttpResponse<Void> response = call.get(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            int code = response.statusCode();
            return code >= 200 && code < 300 ? new Outcome(true, code, null)
                    : new Outcome(false, code, "answered HTTP " + code);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Outcome(false, null, "no answer within " + properties.timeout());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new Outcome(false, null, "no answer within " + properties.timeout());
            }
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new Outcome(false, null, (cause instanceof IOException ? "connection failed: " : "failed: ")
                    + message);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "interrupted while sending (node shutting down)");
        }
    }

    /** Deletes acknowledged deliveries past their retention, at most once a minute per node. */
    private void purge() {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(PURGE_EVERY) < 0) {
            return;
        }
        lastPurge = now;
        int deleted = jdbc.update("delete from webhook_delivery where status = 'DELIVERED' and delivered_at < ?",
                at(now.minus(properties.deliveredRetention())));
        if (deleted > 0) {
            log.info("Deleted {} webhook deliveries acknowledged more than {} ago", deleted,
                    properties.deliveredRetention());
        }
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}

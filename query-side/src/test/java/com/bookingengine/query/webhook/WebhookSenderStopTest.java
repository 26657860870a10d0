package com.bookingengine.query.webhook;

import com.bookingengine.query.ProjectionTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node stopping politely (a restart, a deploy) while its sender claims due deliveries: what the poll under way
 * claims is attempted or handed back, never left leased behind the stopped sender, where no node would send it until
 * the lease ran out ({@link WebhookProperties#lease()}, 32 s here, 60 s by default).
 */
class WebhookSenderStopTest extends ProjectionTestSupport {

    @Autowired
    private WebhookSender nodeSender;
    @Autowired
    private WebhookSubscriptionRepository subscriptions;
    @Autowired
    private WebhookDeliveryRepository deliveries;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void aDeliveryClaimedAsTheSenderStopsIsNotLeftLeased() throws Exception {
        nodeSender.stop();
        try {
            String webhookId = UUID.randomUUID().toString();
            subscriptions.save(new WebhookSubscription(webhookId, "http://127.0.0.1:" + closedPort() + "/hooks", null,
                    null, WebhookSignature.newSecret(), 0, Instant.now(), "test"));
            long deliveryId = deliveries.save(new WebhookDelivery(webhookId, "msg_" + UUID.randomUUID(), 1,
                    "aggregate-" + webhookId, 0, "BookingCreatedEvent", "{}", Instant.now())).deliveryId;

            WebhookProperties properties = new WebhookProperties(List.of(), true, Duration.ofSeconds(1),
                    Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofHours(1), Duration.ofMillis(50), 2,
                    null, null);
            CountDownLatch claiming = new CountDownLatch(1);
            CountDownLatch claimed = new CountDownLatch(1);
            AtomicReference<WebhookSender> sender = new AtomicReference<>();
            // The first claim commits only after stop() has begun, and a moment later: the race a stop can meet.
            WebhookSender stopping = new WebhookSender(properties, new WebhookTargets(properties), jdbc,
                    new ClaimHeldUntilStop(transactions, sender, claiming, claimed));
            sender.set(stopping);
            stopping.start();
            assertThat(claiming.await(10, TimeUnit.SECONDS)).as("the sender claims the delivery").isTrue();
            stopping.stop();
            assertThat(claimed.await(10, TimeUnit.SECONDS)).as("the claim committed").isTrue();

            OffsetDateTime next = jdbc.queryForObject(
                    "select next_attempt_at from webhook_delivery where delivery_id = ?", OffsetDateTime.class,
                    deliveryId);
            assertThat(next.toInstant()).as("due again soon, not held until the lease ends")
                    .isBefore(Instant.now().plusSeconds(5));
        } finally {
            nodeSender.start();
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Spring's transaction manager, except that the first commit waits until the sender is being stopped. */
    private static final class ClaimHeldUntilStop implements PlatformTransactionManager {

        private final PlatformTransactionManager delegate;
        private final AtomicReference<WebhookSender> sender;
        private final CountDownLatch claiming;
        private final CountDownLatch claimed;
        private final AtomicBoolean held = new AtomicBoolean();

        ClaimHeldUntilStop(PlatformTransactionManager delegate, AtomicReference<WebhookSender> sender,
                           CountDownLatch claiming, CountDownLatch claimed) {
            this.delegate = delegate;
            this.sender = sender;
            this.claiming = claiming;
            this.claimed = claimed;
        }

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return delegate.getTransaction(definition);
        }

        @Override
        public void commit(TransactionStatus status) {
            if (held.compareAndSet(false, true)) {
                claiming.countDown();
                boolean interrupted = false;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (sender.get().isRunning() && System.nanoTime() < until) {
                    interrupted |= pause(10);
                }
                interrupted |= pause(300);
                delegate.commit(status);
                claimed.countDown();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            delegate.commit(status);
        }

        @Override
        public void rollback(TransactionStatus status) {
            delegate.rollback(status);
        }

        /** Sleeps through interrupts (a stop may interrupt the poll); whether one came. */
        private static boolean pause(long millis) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            boolean interrupted = false;
            while (System.nanoTime() < until) {
                try {
                    TimeUnit.NANOSECONDS.sleep(until - System.nanoTime());
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return interrupted;
        }
    }
}

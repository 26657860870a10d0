package com.bookingengine.query.webhook;

import com.bookingengine.platform.error.ConflictException;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.error.NotFoundException;
import com.bookingengine.query.audit.EventStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Revision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/** Registering, listing and removing webhooks, and what an owner can do about their deliveries. */
@Component
class Webhooks {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    private static final int REPLAY_BATCH = 200;

    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookTargets targets;
    private final WebhookOutbox outbox;
    private final EventStream events;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();
    /** The simple names of the engine's event types (every event record carries {@code @Revision}). */
    private final Set<String> eventTypes;

    Webhooks(WebhookSubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries,
             WebhookTargets targets, WebhookOutbox outbox, EventStream events, PlatformTransactionManager transactions) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.targets = targets;
        this.outbox = outbox;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.eventTypes = eventTypes();
    }

    record Registered(String webhookId, String secret) {
    }

    Registered register(String url, List<String> types, String description, String caller) {
        String target = targets.accept(url).toString();
        Set<String> wanted = null;
        if (types != null) {
            wanted = new LinkedHashSet<>();
            for (int i = 0; i < types.size(); i++) {
                if (!eventTypes.contains(types.get(i))) {
                    throw new InvalidInputException("eventTypes[" + i + "]", "unknown event type " + types.get(i)
                            + "; known types: " + String.join(", ", eventTypes));
                }
                wanted.add(types.get(i));
            }
        }
        String secret = WebhookSignature.newSecret();
        WebhookSubscription subscription = new WebhookSubscription(UUID.randomUUID().toString(), target, wanted,
                description, secret, events.head(), clock.instant(), caller);
        subscriptions.save(subscription);
        log.info("Webhook {} registered by {} for {} ({} event types)", subscription.webhookId, caller, target,
                wanted == null ? "all" : wanted.size());
        return new Registered(subscription.webhookId, secret);
    }

    record WebhookView(String webhookId, String url, Set<String> eventTypes, String description, Instant createdAt,
                       String createdBy, long pending, long parked) {
    }

    List<WebhookView> list() {
        return subscriptions.findAllByOrderByCreatedAt().stream().map(this::view).toList();
    }

    private WebhookView view(WebhookSubscription s) {
        return new WebhookView(s.webhookId, s.url, s.eventTypes, s.description, s.createdAt, s.createdBy,
                deliveries.countByWebhookIdAndStatus(s.webhookId, DeliveryStatus.PENDING),
                deliveries.countByWebhookIdAndStatus(s.webhookId, DeliveryStatus.PARKED));
    }

    /** Removes the webhook and every delivery still queued for it: nothing more is sent to it. */
    void delete(String webhookId, String caller) {
        transaction.executeWithoutResult(status -> {
            WebhookSubscription subscription = find(webhookId);
            int dropped = deliveries.deleteByWebhook(webhookId);
            subscriptions.delete(subscription);
            log.info("Webhook {} ({}) deleted by {} with {} deliveries on record", webhookId, subscription.url, caller,
                    dropped);
        });
    }

    record DeliveryView(long deliveryId, String webhookMessageId, String eventType, long position, String aggregateId,
                        long sequence, DeliveryStatus status, int attempts, String lastError, Integer lastStatusCode,
                        Instant nextAttemptAt, Instant createdAt, Instant deliveredAt) {
    }

    record DeliveryList(String webhookId, long pending, long parked, List<DeliveryView> deliveries) {
    }

    /** The newest deliveries first, optionally of one status. */
    DeliveryList deliveries(String webhookId, DeliveryStatus status, int limit) {
        WebhookView webhook = view(find(webhookId));
        PageRequest page = PageRequest.of(0, limit);
        List<WebhookDelivery> rows = status == null ? deliveries.findByWebhookIdOrderByDeliveryIdDesc(webhookId, page)
                : deliveries.findByWebhookIdAndStatusOrderByDeliveryIdDesc(webhookId, status, page);
        return new DeliveryList(webhookId, webhook.pending(), webhook.parked(), rows.stream()
                .map(d -> new DeliveryView(d.deliveryId, d.messageId, d.eventType, d.position, d.aggregateId,
                        d.eventSequence, d.status, d.attempts, d.lastError, d.lastStatusCode,
                        d.status == DeliveryStatus.PENDING ? d.nextAttemptAt : null, d.createdAt, d.deliveredAt))
                .toList());
    }

    /**
     * Gives a parked delivery, and the later parked deliveries of its aggregate that wait behind it, back to the
     * sender: due now, with a fresh maximum age. Returns their ids in sending order.
     */
    List<Long> retry(String webhookId, long deliveryId) {
        return transaction.execute(status -> {
            find(webhookId);
            WebhookDelivery delivery = deliveries.findById(deliveryId)
                    .filter(d -> d.webhookId.equals(webhookId))
                    .orElseThrow(() -> new NotFoundException("Webhook " + webhookId + " has no delivery " + deliveryId));
            if (delivery.status != DeliveryStatus.PARKED) {
                throw new ConflictException("status", "Delivery " + deliveryId + " is " + delivery.status
                        + "; only a parked delivery is retried (a pending one is retried by itself)");
            }
            Instant now = clock.instant();
            List<WebhookDelivery> again = deliveries.parkedFrom(webhookId, delivery.aggregateId, delivery.position,
                    delivery.deliveryId);
            List<Long> ids = new ArrayList<>();
            again.stream().sorted((a, b) -> a.position != b.position ? Long.compare(a.position, b.position)
                    : Long.compare(a.deliveryId, b.deliveryId)).forEach(d -> {
                        d.status = DeliveryStatus.PENDING;
                        d.nextAttemptAt = now;
                        d.createdAt = now;
                        ids.add(d.deliveryId);
                    });
            return ids;
        });
    }

    record Replay(String webhookId, long fromPosition, long toPosition, int queued, int replacedParked) {
    }

    /**
     * Queues every event from {@code fromPosition} (inclusive) to the store's present head for this webhook again, as
     * live ones are (its event types, the same webhook-id per event), whatever was sent before.
     */
    Replay replay(String webhookId, long fromPosition) {
        WebhookSubscription subscription = find(webhookId);
        long head = events.head();
        int queued = 0;
        int replacedParked = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.after(fromPosition == 0 ? null : fromPosition - 1)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            List<TrackedEventMessage<?>> batch = new ArrayList<>(REPLAY_BATCH);
            boolean done = false;
            while (!done) {
                batch.clear();
                while (batch.size() < REPLAY_BATCH && !done) {
                    TrackedEventMessage<?> event = iterator.hasNext() ? iterator.next() : null;
                    long position = event == null ? Long.MAX_VALUE : position(event);
                    if (position > head) {
                        done = true;
                    } else if (position >= fromPosition) {
                        batch.add(event);
                    }
                }
                if (batch.isEmpty()) {
                    continue;
                }
                long first = position(batch.get(0));
                long last = position(batch.get(batch.size() - 1));
                // Parked deliveries of these events are replaced by the new rows (the same events under the same
                // webhook-ids), in the same transaction: left in place they would hold the replayed events of their
                // aggregates behind them.
                int[] counts = transaction.execute(status -> new int[] {
                        deliveries.deleteParkedBetween(webhookId, first, last),
                        batch.stream().mapToInt(event -> outbox.enqueue(event, List.of(subscription), true)).sum()});
                replacedParked += counts[0];
                queued += counts[1];
            }
        }
        log.info("Webhook {}: replay from position {} to {} queued {} deliveries, replacing {} parked ones", webhookId,
                fromPosition, head, queued, replacedParked);
        return new Replay(webhookId, fromPosition, head, queued, replacedParked);
    }

    private static long position(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElse(-1);
    }

    private WebhookSubscription find(String webhookId) {
        return subscriptions.findById(webhookId)
                .orElseThrow(() -> new NotFoundException("Webhook " + webhookId + " does not exist"));
    }

    private static Set<String> eventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        Set<String> names = new TreeSet<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("com.bookingengine.api")) {
            String name = definition.getBeanClassName();
            names.add(name.substring(name.lastIndexOf('.') + 1));
        }
        return names;
    }
}

package com.bookingengine.query.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Set;

/**
 * A registered webhook. The signing secret is kept here, in the engine's own database, and nowhere else: not in the
 * event store (which auditors read through {@code /events}), not in logs, and no endpoint returns it after
 * registration (docs/WEBHOOKS.md).
 */
@Entity
@Table(name = "webhook_subscription")
class WebhookSubscription {

    @Id
    String webhookId;
    @Column(length = 2000, nullable = false)
    String url;
    /** The event types (simple names) to send; null sends every type. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(length = 20_000)
    Set<String> eventTypes;
    @Column(length = 500)
    String description;
    @Column(length = 100, nullable = false)
    String secret;
    /** Events at or before this global position were stored before the webhook existed and are not sent to it. */
    long startPosition;
    @Column(nullable = false)
    Instant createdAt;
    @Column(length = 255)
    String createdBy;

    protected WebhookSubscription() {
    }

    WebhookSubscription(String webhookId, String url, Set<String> eventTypes, String description, String secret,
                        long startPosition, Instant createdAt, String createdBy) {
        this.webhookId = webhookId;
        this.url = url;
        this.eventTypes = eventTypes;
        this.description = description;
        this.secret = secret;
        this.startPosition = startPosition;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    boolean wants(String eventType) {
        return eventTypes == null || eventTypes.contains(eventType);
    }
}

/** Where one delivery stands. */
enum DeliveryStatus {
    /** Queued or being retried: waits for its time, and for the earlier deliveries of its aggregate. */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Retried until its maximum age without success, or held behind a parked delivery: waits for an operator. */
    PARKED
}

/**
 * One event for one webhook: the outbox row the webhooks processor writes in the transaction that moves its token,
 * and the sender's record of every attempt. The body is fixed when the row is written, so every retry sends the same
 * bytes under the same {@code webhook-id}.
 */
@Entity
@Table(name = "webhook_delivery", indexes = {
        @Index(name = "webhook_delivery_due", columnList = "status, nextAttemptAt"),
        @Index(name = "webhook_delivery_order", columnList = "webhookId, aggregateId, position")})
class WebhookDelivery {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long deliveryId;
    @Column(length = 64, nullable = false)
    String webhookId;
    /** The {@code webhook-id} header: one per event and webhook, the same on every retry and replay. */
    @Column(length = 64, nullable = false)
    String messageId;
    long position;
    @Column(length = 255, nullable = false)
    String aggregateId;
    long eventSequence;
    @Column(length = 255, nullable = false)
    String eventType;
    @Column(length = 1_048_576, nullable = false)
    String body;
    @Enumerated(EnumType.STRING)
    @Column(length = 20, nullable = false)
    DeliveryStatus status;
    int attempts;
    @Column(length = 500)
    String lastError;
    Integer lastStatusCode;
    @Column(nullable = false)
    Instant nextAttemptAt;
    /** When the delivery was queued (or last given back by an operator): its maximum age counts from here. */
    @Column(nullable = false)
    Instant createdAt;
    Instant deliveredAt;

    protected WebhookDelivery() {
    }

    WebhookDelivery(String webhookId, String messageId, long position, String aggregateId, long eventSequence,
                    String eventType, String body, Instant now) {
        this.webhookId = webhookId;
        this.messageId = messageId;
        this.position = position;
        this.aggregateId = aggregateId;
        this.eventSequence = eventSequence;
        this.eventType = eventType;
        this.body = body;
        this.status = DeliveryStatus.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }
}

package com.bookingengine.query.webhook;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/*
 * What a repository method cannot say without a query string (an @Query, which Hibernate and Spring Data parse on
 * every start: docs/BENCHMARKS.md, "Start-up under JFR") is plain SQL in a fragment.
 */

interface WebhookSubscriptionRepository extends JpaRepository<WebhookSubscription, String>,
        WebhookRegistrations {

    List<WebhookSubscription> findAllByOrderByCreatedAt();
}

interface WebhookDeliveryRepository extends JpaRepository<WebhookDelivery, Long>, WebhookDeliveryDeletes {

    List<WebhookDelivery> findByWebhookIdOrderByDeliveryIdDesc(String webhookId, Pageable page);

    List<WebhookDelivery> findByWebhookIdAndStatusOrderByDeliveryIdDesc(String webhookId, DeliveryStatus status,
                                                                         Pageable page);

    long countByWebhookIdAndStatus(String webhookId, DeliveryStatus status);

    List<WebhookDelivery> findByWebhookIdAndAggregateIdAndStatusAndPositionGreaterThanEqual(
            String webhookId, String aggregateId, DeliveryStatus status, long position);

    /** The given parked delivery and the later parked ones of its aggregate for its webhook (they wait behind it). */
    default List<WebhookDelivery> parkedFrom(String webhookId, String aggregateId, long position, long deliveryId) {
        return findByWebhookIdAndAggregateIdAndStatusAndPositionGreaterThanEqual(webhookId, aggregateId,
                DeliveryStatus.PARKED, position).stream()
                .filter(d -> d.position > position || d.deliveryId >= deliveryId)
                .toList();
    }
}

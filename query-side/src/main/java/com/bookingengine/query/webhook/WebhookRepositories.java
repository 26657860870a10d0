package com.bookingengine.query.webhook;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

interface WebhookSubscriptionRepository extends JpaRepository<WebhookSubscription, String> {

    List<WebhookSubscription> findAllByOrderByCreatedAt();

    /**
     * Every registration, for the outbox's batch of events: a JPQL string, whose SQL Hibernate keeps, not
     * {@code findAll()}, whose criteria query is translated again on every call (most of what a batch cost the
     * outbox processor when no webhook is registered).
     */
    @Query("select s from WebhookSubscription s")
    List<WebhookSubscription> registered();
}

interface WebhookDeliveryRepository extends JpaRepository<WebhookDelivery, Long> {

    List<WebhookDelivery> findByWebhookIdOrderByDeliveryIdDesc(String webhookId, Pageable page);

    List<WebhookDelivery> findByWebhookIdAndStatusOrderByDeliveryIdDesc(String webhookId, DeliveryStatus status,
                                                                         Pageable page);

    long countByWebhookIdAndStatus(String webhookId, DeliveryStatus status);

    @Modifying
    @Query("delete from WebhookDelivery d where d.webhookId = ?1")
    int deleteByWebhook(String webhookId);

    @Modifying
    @Query("delete from WebhookDelivery d where d.webhookId = ?1"
            + " and d.status = com.bookingengine.query.webhook.DeliveryStatus.PARKED and d.position between ?2 and ?3")
    int deleteParkedBetween(String webhookId, long from, long to);

    /** The given parked delivery and the later parked ones of its aggregate for its webhook (they wait behind it). */
    @Query("select d from WebhookDelivery d where d.webhookId = ?1 and d.aggregateId = ?2"
            + " and d.status = com.bookingengine.query.webhook.DeliveryStatus.PARKED"
            + " and (d.position > ?3 or (d.position = ?3 and d.deliveryId >= ?4))")
    List<WebhookDelivery> parkedFrom(String webhookId, String aggregateId, long position, long deliveryId);
}

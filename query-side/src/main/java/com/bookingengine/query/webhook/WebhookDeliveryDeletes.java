package com.bookingengine.query.webhook;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fragment of {@link WebhookDeliveryRepository} in plain SQL (Spring Data finds its {@code Impl}): bulk deletes in
 * the caller's transaction, without a query string for Hibernate and Spring Data to parse on every start
 * (docs/BENCHMARKS.md, "Start-up under JFR"). They do not touch deliveries the caller holds as managed entities.
 */
interface WebhookDeliveryDeletes {

    /** Drops every delivery of the webhook; returns how many. */
    int deleteByWebhook(String webhookId);

    /** Drops the webhook's parked deliveries of the events at positions {@code from} to {@code to}; returns how many. */
    int deleteParkedBetween(String webhookId, long from, long to);
}

class WebhookDeliveryDeletesImpl implements WebhookDeliveryDeletes {

    private final JdbcTemplate jdbc;

    WebhookDeliveryDeletesImpl(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int deleteByWebhook(String webhookId) {
        return jdbc.update("delete from webhook_delivery where webhook_id = ?", webhookId);
    }

    @Override
    public int deleteParkedBetween(String webhookId, long from, long to) {
        return jdbc.update("delete from webhook_delivery where webhook_id = ? and status = ?"
                + " and position between ? and ?", webhookId, DeliveryStatus.PARKED.name(), from, to);
    }
}

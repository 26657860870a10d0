package com.bookingengine.query.webhook;

import com.bookingengine.platform.jpa.JdbcInstants;
import com.bookingengine.platform.jpa.JsonParameters;
import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;

/** A fragment of {@link WebhookSubscriptionRepository} in plain SQL (Spring Data finds its {@code Impl}). */
interface WebhookRegistrations {

    /**
     * Every registration, for the outbox's batch of events (read once per batch), as values of the caller's
     * transaction: plain SQL, not {@code findAll()}, whose criteria query Hibernate translates again on every call (most
     * of what a batch cost the outbox processor when no webhook is registered), nor a query string, which Hibernate and
     * Spring Data parse on every start (docs/BENCHMARKS.md, "Start-up under JFR").
     */
    List<WebhookSubscription> registered();
}

class WebhookRegistrationsImpl implements WebhookRegistrations {

    private static final Type EVENT_TYPES = new TypeReference<Set<String>>() { }.getType();

    private final JdbcTemplate jdbc;
    private final JsonParameters json;

    WebhookRegistrationsImpl(JdbcTemplate jdbc, JsonParameters json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<WebhookSubscription> registered() {
        return jdbc.query("select webhook_id, url, event_types, description, secret, start_position, created_at,"
                + " created_by from webhook_subscription", (row, i) -> new WebhookSubscription(row.getString(1),
                row.getString(2), json.read(row, 3, EVENT_TYPES), row.getString(4), row.getString(5), row.getLong(6),
                JdbcInstants.read(row, 7), row.getString(8)));
    }
}

package com.bookingengine.query.webhook;

import com.bookingengine.query.audit.EventReader;
import com.bookingengine.query.audit.EventRecord;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Turns stored events into webhook deliveries: for every event, one outbox row per webhook that wants its type.
 * <p>
 * It runs in the {@value #PROCESSING_GROUP} tracking processor with one segment, so with several nodes exactly one
 * of them holds it (the token store decides), and its rows are written in the transaction that moves its token: an
 * event becomes rows exactly once, across restarts and crashes. Sending is the {@link WebhookSender}'s job, off this
 * processor and off every command's path. The processor never replays: a replay is asked per webhook
 * ({@code POST /webhooks/{id}/replay}), which would otherwise send every past event to every subscriber.
 */
@Component
@ProcessingGroup(WebhookOutbox.PROCESSING_GROUP)
@DisallowReplay
public class WebhookOutbox {

    public static final String PROCESSING_GROUP = "webhooks";

    private static final Logger log = LoggerFactory.getLogger(WebhookOutbox.class);
    private static final String SUBSCRIPTIONS = WebhookOutbox.class.getName() + ".subscriptions";

    private final WebhookSubscriptionRepository subscriptions;
    private final WebhookDeliveryRepository deliveries;
    private final EventReader reader;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookOutbox(WebhookSubscriptionRepository subscriptions, WebhookDeliveryRepository deliveries,
                  EventReader reader, ObjectMapper json) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.reader = reader;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    @EventHandler
    void on(EventMessage<?> event) {
        // read once per batch (the processor handles up to 100 events in one unit of work), not once per event
        List<WebhookSubscription> all = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(SUBSCRIPTIONS, key -> subscriptions.registered())
                : subscriptions.registered();
        if (!all.isEmpty()) {
            enqueue(event, all, false);
        }
    }

    /**
     * Queues {@code event} for each of {@code to} that wants it; returns how many rows it wrote. Live events go only to
     * webhooks registered before they were stored; a replay sends whatever it is given.
     */
    int enqueue(EventMessage<?> event, Collection<WebhookSubscription> to, boolean replay) {
        EventRecord record = reader.read(event);
        if (record.position() == null || record.aggregateId() == null) {
            return 0;
        }
        if (Boolean.TRUE.equals(record.unreadable())) {
            // EventReader has logged why; an event that cannot be read cannot be sent as data either.
            log.warn("Event at position {} is not sent to webhooks: it cannot be read ({})", record.position(),
                    record.reason());
            return 0;
        }
        String body = null;
        int written = 0;
        Instant now = clock.instant();
        for (WebhookSubscription subscription : to) {
            if (!subscription.wants(record.type()) || !replay && record.position() <= subscription.startPosition) {
                continue;
            }
            if (body == null) {
                body = body(record);
            }
            deliveries.save(new WebhookDelivery(subscription.webhookId, messageId(subscription, event),
                    record.position(), record.aggregateId(), record.sequence(), record.type(), body, now));
            written++;
        }
        return written;
    }

    /** The {@code webhook-id}: one per event and webhook, so a retry or a replay of the same event repeats it. */
    static String messageId(WebhookSubscription subscription, EventMessage<?> event) {
        return "msg_" + UUID.nameUUIDFromBytes((subscription.webhookId + "/" + event.getIdentifier())
                .getBytes(StandardCharsets.UTF_8));
    }

    private String body(EventRecord record) {
        try {
            return json.writeValueAsString(new Message(record.type(), record.timestamp(), record.position(),
                    record.aggregateId(), record.sequence(), record.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event at position " + record.position() + " does not write as JSON", e);
        }
    }

    /** The body of a webhook call (SPEC §7); {@code data} is the event's payload as {@code GET /events} shows it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Message(String type, Instant timestamp, long position, String aggregateId, long sequence, Object data) {
    }
}

package com.bookingengine.query.webhook;

import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.security.Caller;
import com.bookingengine.platform.validation.PlainTextField;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Webhooks (SPEC §7), for owners: register, list, delete, deliveries, retry a parked one, replay. */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    static final int MAX_LIST = 500;

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** {@code url} is checked by {@link WebhookTargets}; {@code eventTypes} against the engine's event types. */
    record Registration(String url,
                        @Size(min = 1, max = 100, message = "must list 1 to 100 event types (left out: all of them)")
                        List<@NotNull @PlainTextField(max = 100) String> eventTypes,
                        @PlainTextField(max = 500) String description) {
    }

    record ReplayRequest(@NotNull @Min(0) Long fromPosition) {
    }

    /** 201 with the signing secret: the only time it is shown. */
    @PostMapping
    ResponseEntity<Webhooks.Registered> register(@Valid @RequestBody Registration body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(webhooks.register(body.url(), body.eventTypes(), body.description(), Caller.name()));
    }

    @GetMapping
    Map<String, List<Webhooks.WebhookView>> list() {
        return Map.of("webhooks", webhooks.list());
    }

    @DeleteMapping("/{webhookId}")
    ResponseEntity<Void> delete(@PathVariable String webhookId) {
        webhooks.delete(webhookId, Caller.name());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{webhookId}/deliveries")
    Webhooks.DeliveryList deliveries(@PathVariable String webhookId,
                                     @RequestParam(required = false) DeliveryStatus status,
                                     @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_LIST);
        }
        return webhooks.deliveries(webhookId, status, limit);
    }

    @PostMapping("/{webhookId}/deliveries/{deliveryId}/retry")
    Map<String, Object> retry(@PathVariable String webhookId, @PathVariable long deliveryId) {
        return Map.of("webhookId", webhookId, "retried", webhooks.retry(webhookId, deliveryId));
    }

    @PostMapping("/{webhookId}/replay")
    ResponseEntity<Webhooks.Replay> replay(@PathVariable String webhookId, @Valid @RequestBody ReplayRequest body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(webhooks.replay(webhookId, body.fromPosition()));
    }
}

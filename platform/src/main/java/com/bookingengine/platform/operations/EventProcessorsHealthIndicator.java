package com.bookingengine.platform.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code eventProcessors} in {@code /actuator/health}: DOWN while any streaming event processor of this node is not
 * running or is in error, because until it runs again this node's read models fall behind the event store. Part of
 * the readiness group, so a node whose projections stand still takes no traffic. A node without streaming processors
 * (the command side) is UP. Before Axon has started, asking for its processors fails, which reads as DOWN too.
 */
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        super("Event processors cannot be inspected");
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Map<String, Object> states = new LinkedHashMap<>();
        boolean allRunning = true;
        for (EventProcessor processor : processing.eventProcessors().values().stream()
                .sorted(Comparator.comparing(EventProcessor::getName)).toList()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                String state = streaming.isError() ? "error" : streaming.isRunning() ? "running" : "stopped";
                allRunning &= state.equals("running");
                states.put(streaming.getName(), state);
            }
        }
        (allRunning ? health.up() : health.down()).withDetails(states);
    }
}

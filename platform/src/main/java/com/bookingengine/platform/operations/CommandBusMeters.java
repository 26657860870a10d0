package com.bookingengine.platform.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;

import java.util.function.Function;

/**
 * Axon's meters, with the command bus counted ({@code commandBus_*Counter}) and timed ({@code commandBus_*Timer})
 * by command type as before, but without Axon's capacity gauge ({@code commandBus_capacity}): nothing watches it,
 * and it looked up its gauge and recorded the command in a sorted map on every request (docs/BENCHMARKS.md, "HTTP
 * path: cost per request"). Event processors, the event store and the query bus keep Axon's meters unchanged.
 */
public class CommandBusMeters extends GlobalMetricRegistry {

    public CommandBusMeters(MeterRegistry registry) {
        super(registry);
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name) {
        return new MultiMessageMonitor<>(MessageCountingMonitor.buildMonitor(name, getRegistry()),
                MessageTimerMonitor.buildMonitor(name, getRegistry()));
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name,
                                                                         Function<Message<?>, Iterable<Tag>> tags) {
        return new MultiMessageMonitor<>(MessageCountingMonitor.buildMonitor(name, getRegistry(), tags),
                MessageTimerMonitor.buildMonitor(name, getRegistry(), tags));
    }
}

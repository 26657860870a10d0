package com.bookingengine.platform.axon;

import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;

import javax.annotation.Nonnull;
import javax.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tracking processor's handlers as Axon's {@link MultiEventHandlerInvoker} would call them, with the answers that
 * never change once the processor is built worked out once: whether each handler group takes part in a replay, and
 * whether any handles a payload type. Axon asks both for every event, on every segment, by streaming over the
 * handlers' annotated members: on a query node under booking load those streams were over a third of all it
 * allocated, and asking whether the handlers support a reset (before looking whether the event is a replayed one) 3 %
 * of its CPU (docs/BENCHMARKS.md, "The query node's garbage"). Whether a handler handles an event, and the handling
 * itself, are still asked of the handlers, in the same order.
 */
public final class SettledHandlerInvoker implements EventHandlerInvoker {

    private final EventHandlerInvoker handlers;
    private final List<EventHandlerInvoker> groups;
    private final boolean[] groupsReplay;
    private final Map<Class<?>, Boolean> handledTypes = new ConcurrentHashMap<>();

    /** {@code handlers} as Axon's event processing module builds them for a processor: one invoker per group. */
    SettledHandlerInvoker(EventHandlerInvoker handlers) {
        this.handlers = handlers;
        this.groups = handlers instanceof MultiEventHandlerInvoker multi ? multi.delegates() : List.of(handlers);
        this.groupsReplay = new boolean[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            groupsReplay[i] = groups.get(i).supportsReset();
        }
    }

    @Override
    public boolean canHandle(@Nonnull EventMessage<?> eventMessage, @Nonnull Segment segment) {
        boolean replay = ReplayToken.isReplay(eventMessage);
        for (int i = 0; i < groups.size(); i++) {
            if (takes(i, replay, eventMessage, segment)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void handle(@Nonnull EventMessage<?> message, @Nonnull Segment segment) throws Exception {
        boolean replay = ReplayToken.isReplay(message);
        for (int i = 0; i < groups.size(); i++) {
            if (takes(i, replay, message, segment)) {
                groups.get(i).handle(message, segment);
            }
        }
    }

    private boolean takes(int group, boolean replay, EventMessage<?> message, Segment segment) {
        return (groupsReplay[group] || !replay) && groups.get(group).canHandle(message, segment);
    }

    @Override
    public boolean canHandleType(@Nonnull Class<?> payloadType) {
        Boolean handled = handledTypes.get(payloadType); // no capturing lambda per call, as computeIfAbsent takes
        if (handled == null) {
            handled = handlers.canHandleType(payloadType);
            handledTypes.put(payloadType, handled);
        }
        return handled;
    }

    @Override
    public boolean supportsReset() {
        for (boolean replays : groupsReplay) {
            if (replays) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void performReset() {
        handlers.performReset();
    }

    @Override
    public <R> void performReset(@Nullable R resetContext) {
        handlers.performReset(resetContext);
    }

    @Override
    public void segmentReleased(Segment segment) {
        handlers.segmentReleased(segment);
    }
}

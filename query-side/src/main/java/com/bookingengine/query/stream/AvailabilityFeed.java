package com.bookingengine.query.stream;

import com.bookingengine.api.availability.Availability;
import com.bookingengine.api.availability.Slot;
import com.bookingengine.query.position.ReadModelPositions;
import com.bookingengine.query.availability.AvailabilityProjection;
import com.bookingengine.query.availability.AvailabilityReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One client's availability stream: after every event concerning the service, once this node's availability
 * projection has passed it, the window is read again as {@code GET /availability} reads it, and the slots that are
 * new or whose spots changed are sent as {@code event: slots}, {@code id:} the position of the last event they
 * reflect. Events coming faster than that are folded into one read.
 */
final class AvailabilityFeed implements Consumer<StoredEvent> {

    private static final Logger log = LoggerFactory.getLogger(AvailabilityFeed.class);

    private final StreamSubscriptions streams;
    private final Subscription subscription;
    private final AvailabilityReader reader;
    private final ReadModelPositions progress;
    private final String serviceId;
    private final Instant from;
    private final Instant to;
    private final int participants;
    private final AtomicLong changedAt = new AtomicLong(-1);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private Map<SlotKey, Slot> shown;

    private record SlotKey(Instant start, Instant end, String sessionId) {
        static SlotKey of(Slot slot) {
            return new SlotKey(slot.start(), slot.end(), slot.sessionId());
        }
    }

    private AvailabilityFeed(StreamSubscriptions streams, Subscription subscription, AvailabilityReader reader,
                             ReadModelPositions progress, String serviceId, Instant from, Instant to, int participants) {
        this.streams = streams;
        this.subscription = subscription;
        this.reader = reader;
        this.progress = progress;
        this.serviceId = serviceId;
        this.from = from;
        this.to = to;
        this.participants = participants;
    }

    /** Reads the window as it is now (404 for an unknown service) and follows the service's events from here. */
    static void start(StreamSubscriptions streams, Subscription subscription, AvailabilityReader reader,
                      ReadModelPositions progress, String serviceId, Instant from, Instant to, int participants) {
        AvailabilityFeed feed = new AvailabilityFeed(streams, subscription, reader, progress, serviceId, from, to,
                participants);
        EventStoreTail tail = streams.tail();
        synchronized (feed) { // a change coming meanwhile is read again once this first read is there
            long live = tail.subscribe(feed);
            subscription.onClose(() -> tail.unsubscribe(feed));
            // Read after subscribing: a change from now on is either in this read or triggers another one.
            progress.awaitReached(List.of(AvailabilityProjection.PROCESSING_GROUP), live, streams.properties().readModelPatience());
            feed.shown = byKey(reader.slots(serviceId, from, to, participants, null).slots());
        }
    }

    @Override
    public void accept(StoredEvent event) {
        if (!serviceId.equals(event.serviceId())) {
            return;
        }
        changedAt.accumulateAndGet(event.position(), Math::max);
        if (scheduled.compareAndSet(false, true)) {
            try {
                streams.work(this::readAgain);
            } catch (RuntimeException rejected) { // the engine stops
                subscription.close();
            }
        }
    }

    private synchronized void readAgain() {
        scheduled.set(false);
        if (subscription.isClosed()) {
            return;
        }
        long position = changedAt.get();
        try {
            progress.awaitReached(List.of(AvailabilityProjection.PROCESSING_GROUP), position,
                    streams.properties().readModelPatience());
            List<Slot> now = reader.slots(serviceId, from, to, participants, null).slots();
            List<Slot> changed = now.stream().filter(slot -> spotsChanged(shown.get(SlotKey.of(slot)), slot)).toList();
            shown = byKey(now);
            if (!changed.isEmpty()) {
                subscription.send(SseEmitter.event().id(Long.toString(position)).name("slots")
                        .data(new Availability(changed), MediaType.APPLICATION_JSON));
            }
        } catch (RuntimeException e) {
            log.info("An availability stream of service {} ends: {}", serviceId, e.toString());
            subscription.close();
        }
    }

    private static boolean spotsChanged(Slot before, Slot now) {
        return before == null || before.openSpots() != now.openSpots() || before.totalSpots() != now.totalSpots()
                || before.waitlistOpenSpots() != now.waitlistOpenSpots();
    }

    private static Map<SlotKey, Slot> byKey(List<Slot> slots) {
        return slots.stream().collect(Collectors.toMap(SlotKey::of, Function.identity(), (a, b) -> b));
    }
}

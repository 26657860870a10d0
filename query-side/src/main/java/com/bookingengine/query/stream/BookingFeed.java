package com.bookingengine.query.stream;

import com.bookingengine.api.booking.BookingView;
import com.bookingengine.query.booking.BookingChanges;
import com.bookingengine.query.booking.BookingFilter;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One client's booking stream: {@code event: booking}, {@code id:} the change's global position, {@code data:} the
 * booking right after it, for every change matching the filter. A client that gives the last position it saw first
 * gets every matching change after it, read from the event store, then the live ones. While it catches up, the live
 * changes wait here; the hand-over sends each position once (a change the catch-up read is not sent again).
 */
final class BookingFeed implements Consumer<StoredEvent> {

    private static final Logger log = LoggerFactory.getLogger(BookingFeed.class);
    /** How long a catch-up may take to reach the live position before the stream is ended (the client reconnects). */
    private static final long CATCH_UP_MILLIS = TimeUnit.MINUTES.toMillis(2);

    private final Subscription subscription;
    private final BookingFilter filter;
    private final long after;
    private final Object lock = new Object();
    /** Live changes that came while catching up; null once live. */
    private List<StoredEvent> waiting = new ArrayList<>();

    private BookingFeed(Subscription subscription, BookingFilter filter, long after) {
        this.subscription = subscription;
        this.filter = filter;
        this.after = after;
    }

    /** Starts the stream: live from now, after catching up from {@code lastEventId} when given. */
    static void start(StreamSubscriptions streams, Subscription subscription, BookingFilter filter, Long lastEventId) {
        BookingFeed feed = new BookingFeed(subscription, filter, lastEventId == null ? Long.MIN_VALUE : lastEventId);
        EventStoreTail tail = streams.tail();
        long live = tail.subscribe(feed);
        subscription.onClose(() -> tail.unsubscribe(feed));
        if (lastEventId == null || lastEventId >= live) {
            feed.goLive(Set.of());
        } else {
            streams.work(() -> feed.catchUp(tail, lastEventId, live, streams.properties().maxQueued()));
        }
    }

    @Override
    public void accept(StoredEvent event) {
        synchronized (lock) {
            if (waiting != null) {
                waiting.add(event);
                return;
            }
        }
        deliver(event);
    }

    private void catchUp(EventStoreTail tail, long from, long live, int maxQueued) {
        Set<Long> read = new HashSet<>();
        long deadline = System.currentTimeMillis() + CATCH_UP_MILLIS;
        try (BlockingStream<TrackedEventMessage<?>> stream = tail.read(from)) {
            BookingChanges changes = tail.newBookingChanges();
            long reached = from;
            while (reached < live && !subscription.isClosed()) {
                if (System.currentTimeMillis() > deadline || waitingCount() > maxQueued) {
                    subscription.close();
                    return;
                }
                if (!stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                TrackedEventMessage<?> message = stream.nextAvailable();
                long position = message.trackingToken().position().orElse(reached);
                if (position > live) {
                    break; // the live feed has it
                }
                deliver(StoredEvent.of(message, changes));
                read.add(position);
                reached = Math.max(reached, position);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscription.close();
            return;
        } catch (RuntimeException e) {
            log.warn("A booking stream could not catch up from position {}: {}", from, e.toString());
            subscription.close();
            return;
        }
        goLive(read);
    }

    private int waitingCount() {
        synchronized (lock) {
            return waiting == null ? 0 : waiting.size();
        }
    }

    private void goLive(Set<Long> alreadySent) {
        synchronized (lock) {
            for (StoredEvent event : waiting) {
                if (!alreadySent.contains(event.position())) {
                    deliver(event);
                }
            }
            waiting = null;
        }
    }

    private void deliver(StoredEvent event) {
        if (event.position() <= after) {
            return;
        }
        event.booking().filter(filter::matches).ifPresent(booking -> subscription.send(event(event.position(), booking)));
    }

    private static SseEmitter.SseEventBuilder event(long position, BookingView booking) {
        return SseEmitter.event().id(Long.toString(position)).name("booking").data(booking, MediaType.APPLICATION_JSON);
    }
}

package com.bookingengine.query.stream;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open stream: events wait in its queue and one sender at a time writes them, in order, so neither the event
 * store reader nor other clients ever wait for this client's connection. Closed once, by whoever notices first: the
 * client left (a write failed), the stream timed out, too many events waited, or the engine stops.
 */
final class Subscription {

    private final SseEmitter emitter;
    private final Executor senders;
    private final int maxQueued;
    private final Queue<SseEmitter.SseEventBuilder> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Runnable> onClose = new ArrayList<>();

    Subscription(SseEmitter emitter, Executor senders, int maxQueued) {
        this.emitter = emitter;
        this.senders = senders;
        this.maxQueued = maxQueued;
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::close);
        emitter.onError(error -> close());
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** What to do once, when the stream ends (leave the reader, drop its state); at once if it has ended. */
    void onClose(Runnable action) {
        synchronized (onClose) {
            if (!closed.get()) {
                onClose.add(action);
                return;
            }
        }
        action.run();
    }

    boolean isClosed() {
        return closed.get();
    }

    void send(SseEmitter.SseEventBuilder event) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            // A client this far behind reconnects with Last-Event-ID and catches up from the store instead.
            close();
            return;
        }
        queue.add(event);
        scheduleSending();
    }

    void heartbeat() {
        send(SseEmitter.event().comment("heartbeat"));
    }

    private void scheduleSending() {
        if (sending.compareAndSet(false, true)) {
            try {
                senders.execute(this::sendQueued);
            } catch (RuntimeException rejected) { // the engine stops
                sending.set(false);
                close();
            }
        }
    }

    private void sendQueued() {
        try {
            SseEmitter.SseEventBuilder event;
            while (!closed.get() && (event = queue.poll()) != null) {
                queued.decrementAndGet();
                emitter.send(event);
            }
        } catch (IOException | RuntimeException gone) {
            close();
        } finally {
            sending.set(false);
        }
        if (!queue.isEmpty() && !closed.get()) {
            scheduleSending();
        }
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.clear();
        synchronized (onClose) {
            onClose.forEach(Runnable::run);
            onClose.clear();
        }
        try {
            emitter.complete();
        } catch (RuntimeException alreadyGone) {
            // the container has ended the request already
        }
    }
}

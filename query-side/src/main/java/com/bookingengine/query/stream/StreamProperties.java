package com.bookingengine.query.stream;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The live streams ({@code booking.streams.*}): {@code heartbeat} how often an idle stream gets a comment line (which
 * is also how a gone client is noticed: the server learns it only when a write fails), {@code timeout} after which
 * the server ends a stream (the client reconnects with {@code Last-Event-ID} and misses nothing), {@code max-queued}
 * how many events may wait for a slow client before its stream is ended (same), {@code read-model-patience} how long
 * the availability stream waits for its projection to pass a change before it reads anyway.
 */
@ConfigurationProperties(prefix = "booking.streams")
public record StreamProperties(Duration heartbeat, Duration timeout, Integer maxQueued, Duration readModelPatience) {

    public StreamProperties {
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        timeout = timeout == null ? Duration.ofMinutes(30) : timeout;
        maxQueued = maxQueued == null ? 10_000 : maxQueued;
        readModelPatience = readModelPatience == null ? Duration.ofSeconds(5) : readModelPatience;
        if (heartbeat.isNegative() || heartbeat.isZero() || timeout.isNegative() || maxQueued < 1) {
            throw new IllegalArgumentException("booking.streams: heartbeat must be positive, timeout not negative, "
                    + "max-queued at least 1");
        }
    }
}

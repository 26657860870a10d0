package com.bookingengine.api.catalogue;

import java.time.Instant;

public record SessionView(String sessionId, Instant start, Instant end, int capacity) {
}

package com.bookingengine.api.availability;

import java.time.Instant;

public record Slot(Instant start, Instant end, String sessionId, int openSpots, int totalSpots, boolean bookable,
                   int waitlistOpenSpots, PolicyViolations policyViolations) {
}

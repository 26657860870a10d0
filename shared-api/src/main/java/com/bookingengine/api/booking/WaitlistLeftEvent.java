package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/**
 * A booking left a session's waitlist: {@code promoted} when it got seats (a {@link SeatsReservedEvent}
 * follows), otherwise because it was canceled or declined.
 */
@Revision("1")
public record WaitlistLeftEvent(String sessionId, String serviceId, String bookingId, int participants,
                                boolean promoted) {
}

package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/**
 * The booking was canceled by its customer or the owner; its seat is freed.
 * <p>
 * Revision 2 renamed {@code canceledBy} to {@code requestedBy} (the name {@link CancelBookingCommand} uses).
 * Stored revision-1 events are upcast on read by {@code BookingCanceledEventUpcaster} in {@code platform}.
 */
@Revision("2")
public record BookingCanceledEvent(String bookingId, CancelRequester requestedBy, String reason, BookingStatus status, PaymentStatus paymentStatus)
        implements BookingStateChange {
}

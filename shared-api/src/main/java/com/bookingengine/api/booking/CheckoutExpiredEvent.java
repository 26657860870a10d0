package com.bookingengine.api.booking;

import org.axonframework.serialization.Revision;

/**
 * PENDING_CHECKOUT --checkout timeout--> CANCELED: the service's {@code checkoutTimeoutMinutes} passed without an
 * approved payment. Applied by the engine itself (actor {@code system}) when the booking's deadline fires.
 */
@Revision("1")
public record CheckoutExpiredEvent(String bookingId, BookingStatus status, PaymentStatus paymentStatus)
        implements BookingStateChange {
}

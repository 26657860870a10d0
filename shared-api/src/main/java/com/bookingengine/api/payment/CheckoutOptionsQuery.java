package com.bookingengine.api.payment;

/** How {@code contactId} may pay for a booking of {@code serviceId}; empty when the service is unknown. */
public record CheckoutOptionsQuery(String serviceId, String contactId) {
}

package com.bookingengine.command.booking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends a booking's unpaid checkout: sent by the booking's own checkout deadline, never by a client (no endpoint
 * sends it). Handled like any booking command, so the seats are freed in the same unit of work.
 */
public record ExpireCheckoutCommand(@TargetAggregateIdentifier String bookingId) {
}

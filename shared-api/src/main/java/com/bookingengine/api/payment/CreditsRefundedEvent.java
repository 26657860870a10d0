package com.bookingengine.api.payment;

import org.axonframework.serialization.Revision;

/**
 * A plan got {@code credits} credits back from a booking (canceled or declined, or fewer participants); it has
 * {@code remainingCredits} left.
 */
@Revision("1")
public record CreditsRefundedEvent(String planId, String contactId, String bookingId, int credits,
                                   int remainingCredits) {
}

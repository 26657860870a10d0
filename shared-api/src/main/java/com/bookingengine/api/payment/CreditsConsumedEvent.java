package com.bookingengine.api.payment;

import org.axonframework.serialization.Revision;

/**
 * A booking paid {@code credits} credits of a plan (at create, or for more participants); the plan has
 * {@code remainingCredits} left.
 */
@Revision("1")
public record CreditsConsumedEvent(String planId, String contactId, String bookingId, int credits,
                                   int remainingCredits) {
}

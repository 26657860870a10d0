package com.bookingengine.api.payment;

import org.axonframework.serialization.Revision;

/**
 * A booking that stopped holding its place (canceled, declined, payment failed, checkout expired) gave its use of
 * a coupon back; {@code usesHeld} counts the bookings still holding a use.
 */
@Revision("1")
public record CouponUseReturnedEvent(String code, String bookingId, int usesHeld) {
}

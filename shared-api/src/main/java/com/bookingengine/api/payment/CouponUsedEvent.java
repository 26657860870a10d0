package com.bookingengine.api.payment;

import org.axonframework.serialization.Revision;

/** A booking took one use of a coupon; {@code usesHeld} counts the bookings holding a use after it. */
@Revision("1")
public record CouponUsedEvent(String code, String bookingId, int usesHeld) {
}

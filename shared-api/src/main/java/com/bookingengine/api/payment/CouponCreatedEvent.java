package com.bookingengine.api.payment;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An owner defined a coupon. {@code validUntil} and {@code maxUses} are null when unlimited. */
@Revision("1")
public record CouponCreatedEvent(String code, Discount discount, Instant validUntil, Integer maxUses) {
}

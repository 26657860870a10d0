package com.bookingengine.api.payment;

import com.bookingengine.api.common.CalendarRange;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Defines a coupon: {@code percentOff} (1-100) or {@code amountOff}, exactly one; optionally valid until an instant
 * and good for at most {@code maxUses} bookings at a time (a canceled booking gives its use back).
 */
public record CreateCouponCommand(@TargetAggregateIdentifier String code, Integer percentOff, Money amountOff,
                                  Instant validUntil, Integer maxUses) {

    public CreateCouponCommand {
        PlainText.check("code", code, InputLimits.COUPON_CODE);
        CalendarRange.check("validUntil", validUntil);
    }
}

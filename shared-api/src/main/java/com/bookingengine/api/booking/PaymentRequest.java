package com.bookingengine.api.booking;

import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;

/** How the booker means to pay. {@code method}, {@code couponCode} and {@code planId} are optional. */
public record PaymentRequest(PaymentOption option, String method, String couponCode, String planId) {

    public PaymentRequest {
        PlainText.check("payment method", method, InputLimits.PAYMENT_METHOD);
        PlainText.check("couponCode", couponCode, InputLimits.COUPON_CODE);
        PlainText.check("planId", planId, InputLimits.ID);
    }
}

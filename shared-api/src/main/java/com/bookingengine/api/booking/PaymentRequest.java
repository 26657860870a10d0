package com.bookingengine.api.booking;

import com.bookingengine.api.catalogue.PaymentOption;

/** How the booker means to pay. {@code method}, {@code couponCode} and {@code planId} are optional. */
public record PaymentRequest(PaymentOption option, String method, String couponCode, String planId) {
}

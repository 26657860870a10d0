package com.bookingengine.api.booking;

import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.common.Money;

/** Payment as recorded on a booking: the option chosen, the list price and what is charged. */
public record PaymentDetails(PaymentOption option, String method, String couponCode, String planId,
                             Money price, Money finalPrice) {
}

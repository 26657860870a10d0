package com.bookingengine.api.booking;

import com.bookingengine.api.common.Money;

/** What every booking command answers: the booking's state after it. */
public record BookingCommandResult(String bookingId, BookingStatus status, PaymentStatus paymentStatus,
                                   long revision, Money finalPrice) {
}

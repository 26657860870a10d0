package com.bookingengine.api.booking;

public enum PaymentStatus {
    NOT_PAID, PENDING, PAID, EXEMPT, REFUNDED
}

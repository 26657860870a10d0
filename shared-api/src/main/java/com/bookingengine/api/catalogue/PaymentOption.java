package com.bookingengine.api.catalogue;

public enum PaymentOption {
    ONLINE, IN_PERSON, MEMBERSHIP
}

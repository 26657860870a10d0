package com.bookingengine.api.common;

/** Who a booking is for. {@code contactId} is the caller's own id for the person, if it has one. */
public record ContactDetails(String contactId, String firstName, String lastName, String email,
                             String phone, String address) {
}

package com.bookingengine.api.catalogue;

/** A custom field of a service's booking form, checked against a booking's {@code formInfo}. */
public record FormField(String name, boolean required) {
}

package com.bookingengine.api.catalogue;

public record FindServiceQuery(String serviceId) {
}

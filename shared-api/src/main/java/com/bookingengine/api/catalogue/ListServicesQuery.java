package com.bookingengine.api.catalogue;

public record ListServicesQuery() {
}

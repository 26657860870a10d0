package com.bookingengine.api.catalogue;

import java.util.List;

public record ServiceList(List<ServiceView> items) {
}

package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.Money;
import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Set;

@Revision("1")
public record ServiceCreatedEvent(String serviceId, String name, ServiceType type, String timeZone,
                                  String location, Money price, Set<PaymentOption> paymentOptions,
                                  boolean requiresApproval, List<FormField> formFields, BookingPolicy policy,
                                  int capacity) {
}

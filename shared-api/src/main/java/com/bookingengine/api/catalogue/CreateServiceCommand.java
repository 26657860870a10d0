package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Set;

/** Adds a service to the catalogue, with its first sessions (classes). */
public record CreateServiceCommand(@TargetAggregateIdentifier String serviceId, String name, ServiceType type,
                                   String timeZone, String location, Money price,
                                   Set<PaymentOption> paymentOptions, boolean requiresApproval,
                                   List<FormField> formFields, BookingPolicy policy, int capacity,
                                   List<SessionSpec> sessions) {
}

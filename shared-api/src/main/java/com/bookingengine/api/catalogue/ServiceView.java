package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.Money;

import java.util.List;
import java.util.Set;

/** A service as the catalogue shows it, with its sessions ordered by start. */
public record ServiceView(String serviceId, String name, ServiceType type, String timeZone, String location,
                          Money price, Set<PaymentOption> paymentOptions, boolean requiresApproval,
                          List<FormField> formFields, BookingPolicy policy, int capacity,
                          List<SessionView> sessions) {
}

package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.Money;

import java.util.List;
import java.util.Set;

/**
 * A service as the catalogue shows it, with its sessions ordered by start (a course's fixed set), and for an
 * appointment service its working hours, slot length and providers (retired ones flagged; empty: one implicit
 * provider); null otherwise.
 */
public record ServiceView(String serviceId, String name, ServiceType type, String timeZone, String location,
                          Money price, Set<PaymentOption> paymentOptions, boolean requiresApproval,
                          List<FormField> formFields, BookingPolicy policy, int capacity,
                          List<SessionView> sessions, List<WorkingHours> workingHours, Integer slotMinutes,
                          List<Provider> providers) {
}

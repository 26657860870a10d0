package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.Money;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A service as the catalogue shows it, with its sessions ordered by start (a course's fixed set), and for an
 * appointment service its working hours, slot length and providers (retired ones flagged; empty: one implicit
 * provider); null otherwise. Its payment options are listed in one order, {@link PaymentOption}'s, whichever node
 * answers: the sets they come from iterate in an order of their JVM's choosing.
 */
public record ServiceView(String serviceId, String name, ServiceType type, String timeZone, String location,
                          Money price, Set<PaymentOption> paymentOptions, boolean requiresApproval,
                          List<FormField> formFields, BookingPolicy policy, int capacity,
                          List<SessionView> sessions, List<WorkingHours> workingHours, Integer slotMinutes,
                          List<Provider> providers) {

    public ServiceView {
        if (paymentOptions != null) {
            EnumSet<PaymentOption> ordered = EnumSet.noneOf(PaymentOption.class);
            ordered.addAll(paymentOptions);
            paymentOptions = Collections.unmodifiableSet(ordered);
        }
    }
}

package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.Money;
import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Set;

/**
 * A service joined the catalogue. {@code schedule} holds an appointment service's working hours and slot length
 * (null for classes and courses). Revision 2 added it; a revision-1 event reads with a null schedule, which is what
 * it meant then (only classes existed).
 */
@Revision("2")
public record ServiceCreatedEvent(String serviceId, String name, ServiceType type, String timeZone,
                                  String location, Money price, Set<PaymentOption> paymentOptions,
                                  boolean requiresApproval, List<FormField> formFields, BookingPolicy policy,
                                  int capacity, AppointmentSchedule schedule) implements ServiceTerms {
}

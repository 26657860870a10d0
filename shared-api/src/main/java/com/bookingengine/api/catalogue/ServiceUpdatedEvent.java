package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.Money;
import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Set;

/**
 * A service's terms were replaced; bookings made from now on copy them. {@code capacity} is the default for
 * sessions added later: existing sessions keep theirs. {@code schedule} (appointments; added in revision 2, null
 * before) is the grid new bookings are placed on: existing appointments keep their times.
 */
@Revision("2")
public record ServiceUpdatedEvent(String serviceId, String name, String location, Money price,
                                  Set<PaymentOption> paymentOptions, boolean requiresApproval,
                                  List<FormField> formFields, BookingPolicy policy, int capacity,
                                  AppointmentSchedule schedule) implements ServiceTerms {
}

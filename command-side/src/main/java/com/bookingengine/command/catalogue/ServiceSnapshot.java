package com.bookingengine.command.catalogue;

import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceType;

import java.util.List;
import java.util.Set;

/** A service as a new booking sees it; {@code schedule} is an appointment service's grid (null otherwise). */
public record ServiceSnapshot(String serviceId, String name, ServiceType type, Set<PaymentOption> paymentOptions,
                              List<FormField> formFields, BookingTerms terms, AppointmentSchedule schedule) {
}

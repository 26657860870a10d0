package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Set;

/**
 * Adds a service to the catalogue: a class with its first sessions, a course with its fixed set of sessions
 * ({@code capacity} counts per course), or an appointment service with its {@code schedule}.
 */
public record CreateServiceCommand(@TargetAggregateIdentifier String serviceId, String name, ServiceType type,
                                   String timeZone, String location, Money price,
                                   Set<PaymentOption> paymentOptions, boolean requiresApproval,
                                   List<FormField> formFields, BookingPolicy policy, int capacity,
                                   List<SessionSpec> sessions, AppointmentSchedule schedule) {

    public CreateServiceCommand {
        PlainText.check("serviceId", serviceId, InputLimits.ID);
        ServiceTerms.checkPlainText(name, location, formFields);
        PlainText.check("timeZone", timeZone, InputLimits.TIME_ZONE);
    }
}

package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Set;

/**
 * Replaces a service's terms. {@code type} and {@code timeZone} are optional and, when given, must equal the
 * service's: neither can change. Existing bookings and sessions keep what they were made with.
 * {@code capacity} and {@code schedule} left null keep the service's. {@code providers} (appointments), when given,
 * are the providers that take bookings from now on: one listed before and left out is retired (keeps its bookings,
 * takes no new ones), one listed again is back at work; null keeps them as they are.
 */
public record UpdateServiceCommand(@TargetAggregateIdentifier String serviceId, String name, ServiceType type,
                                   String timeZone, String location, Money price,
                                   Set<PaymentOption> paymentOptions, boolean requiresApproval,
                                   List<FormField> formFields, BookingPolicy policy, Integer capacity,
                                   AppointmentSchedule schedule, List<Provider> providers) {

    public UpdateServiceCommand {
        PlainText.check("serviceId", serviceId, InputLimits.ID);
        ServiceTerms.checkPlainText(name, location, formFields);
        PlainText.check("timeZone", timeZone, InputLimits.TIME_ZONE);
    }

    /** An update that leaves the providers as they are. */
    public UpdateServiceCommand(String serviceId, String name, ServiceType type, String timeZone, String location,
                                Money price, Set<PaymentOption> paymentOptions, boolean requiresApproval,
                                List<FormField> formFields, BookingPolicy policy, Integer capacity,
                                AppointmentSchedule schedule) {
        this(serviceId, name, type, timeZone, location, price, paymentOptions, requiresApproval, formFields, policy,
                capacity, schedule, null);
    }
}

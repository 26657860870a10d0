package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.Money;

import java.util.List;
import java.util.Set;

/**
 * What a service's creation and each later update both state in full: the terms new bookings copy. Lets the
 * aggregate and the read models take them from either event in one place.
 */
public interface ServiceTerms {

    String name();

    String location();

    Money price();

    Set<PaymentOption> paymentOptions();

    boolean requiresApproval();

    List<FormField> formFields();

    BookingPolicy policy();

    int capacity();

    AppointmentSchedule schedule();
}

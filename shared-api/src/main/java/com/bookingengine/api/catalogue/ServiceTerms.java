package com.bookingengine.api.catalogue;

import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.common.PlainText;

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

    /**
     * Refuses terms no request could carry: control characters, half characters or over-long texts in the name,
     * location or form field names. Commands call it; events do not, so stored events read back whatever they hold.
     */
    static void checkPlainText(String name, String location, List<FormField> formFields) {
        PlainText.check("name", name, InputLimits.SERVICE_NAME);
        PlainText.check("location", location, InputLimits.LOCATION);
        if (formFields != null) {
            if (formFields.size() > InputLimits.FORM_FIELDS) {
                throw new IllegalArgumentException("formFields holds at most " + InputLimits.FORM_FIELDS + " fields");
            }
            for (FormField field : formFields) {
                if (field != null) {
                    PlainText.check("formFields name", field.name(), InputLimits.FORM_FIELD_NAME);
                }
            }
        }
    }
}

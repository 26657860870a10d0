package com.bookingengine.api.booking;

import com.bookingengine.api.common.CalendarRange;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/**
 * Books a service. A class names its {@code sessionId}; an appointment its {@code start} and {@code end}.
 * The same {@code bookingId} sent twice with the same content answers the first result. An appointment may name the
 * {@code providerId} it wants; without one, any free provider is assigned.
 */
public record CreateBookingCommand(@TargetAggregateIdentifier String bookingId, String serviceId, String sessionId,
                                   Instant start, Instant end, int participants, ContactDetails contact,
                                   Map<String, String> formInfo, PaymentRequest payment, boolean joinWaitlist,
                                   String providerId) {

    public CreateBookingCommand {
        PlainText.check("bookingId", bookingId, InputLimits.ID);
        PlainText.check("serviceId", serviceId, InputLimits.ID);
        PlainText.check("sessionId", sessionId, InputLimits.ID);
        PlainText.check("providerId", providerId, InputLimits.ID);
        CalendarRange.check("start", start);
        CalendarRange.check("end", end);
        if (contact != null) {
            contact.checkPlainText();
        }
        if (formInfo != null) {
            if (formInfo.size() > InputLimits.FORM_FIELDS) {
                throw new IllegalArgumentException("formInfo holds at most " + InputLimits.FORM_FIELDS + " entries");
            }
            formInfo.forEach((name, value) -> {
                PlainText.check("formInfo name", name, InputLimits.FORM_FIELD_NAME);
                PlainText.check("formInfo value of " + name, value, InputLimits.FORM_VALUE);
            });
        }
    }

    /** A booking that names no provider (any available, for an appointment). */
    public CreateBookingCommand(String bookingId, String serviceId, String sessionId, Instant start, Instant end,
                                int participants, ContactDetails contact, Map<String, String> formInfo,
                                PaymentRequest payment, boolean joinWaitlist) {
        this(bookingId, serviceId, sessionId, start, end, participants, contact, formInfo, payment, joinWaitlist, null);
    }
}

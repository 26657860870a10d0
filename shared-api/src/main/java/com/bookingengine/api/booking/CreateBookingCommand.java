package com.bookingengine.api.booking;

import com.bookingengine.api.common.ContactDetails;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/**
 * Books a service. A class names its {@code sessionId}; an appointment its {@code start} and {@code end}.
 * The same {@code bookingId} sent twice with the same content answers the first result.
 */
public record CreateBookingCommand(@TargetAggregateIdentifier String bookingId, String serviceId, String sessionId,
                                   Instant start, Instant end, int participants, ContactDetails contact,
                                   Map<String, String> formInfo, PaymentRequest payment, boolean joinWaitlist) {
}

package com.bookingengine.api.booking;

import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.ContactDetails;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

@Revision("1")
public record BookingCreatedEvent(String bookingId, String serviceId, String serviceName, ServiceType serviceType,
                                  String sessionId, Instant start, Instant end, int participants,
                                  ContactDetails contact, Map<String, String> formInfo, PaymentDetails payment,
                                  BookingStatus status, PaymentStatus paymentStatus, boolean waitlisted,
                                  BookingTerms terms) implements BookingStateChange {
}

package com.bookingengine.api.booking;

import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.ContactDetails;

import java.time.Instant;
import java.util.Map;

/** A booking as dashboards see it ({@code GET /bookings/{id}}); {@code providerId} null: no named provider. */
public record BookingView(String bookingId, String serviceId, String serviceName, ServiceType serviceType,
                          String sessionId, String providerId, Instant start, Instant end, int participants, BookingStatus status,
                          PaymentStatus paymentStatus, boolean waitlisted, ContactDetails contact,
                          Map<String, String> formInfo, PaymentDetails payment, long revision, Instant createdAt,
                          Instant updatedAt) {
}

package com.bookingengine.api.booking;

import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.ContactDetails;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

/**
 * A booking was made. Revision 2: {@code payment} carries the coupon's {@code discount}; a revision-1 event reads with
 * none, which is what it meant then. Revision 3: {@code providerId}, the appointment provider the booking got; an
 * earlier event reads with null, the implicit provider, which is the only one there was.
 */
@Revision("3")
public record BookingCreatedEvent(String bookingId, String serviceId, String serviceName, ServiceType serviceType,
                                  String sessionId, Instant start, Instant end, int participants,
                                  ContactDetails contact, Map<String, String> formInfo, PaymentDetails payment,
                                  BookingStatus status, PaymentStatus paymentStatus, boolean waitlisted,
                                  BookingTerms terms, String providerId) implements BookingStateChange {

    /** A booking of no named provider (a class, a course, or an appointment of the implicit provider). */
    public BookingCreatedEvent(String bookingId, String serviceId, String serviceName, ServiceType serviceType,
                               String sessionId, Instant start, Instant end, int participants, ContactDetails contact,
                               Map<String, String> formInfo, PaymentDetails payment, BookingStatus status,
                               PaymentStatus paymentStatus, boolean waitlisted, BookingTerms terms) {
        this(bookingId, serviceId, serviceName, serviceType, sessionId, start, end, participants, contact, formInfo,
                payment, status, paymentStatus, waitlisted, terms, null);
    }
}

package com.bookingengine.command.booking;

import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.common.Money;
import com.bookingengine.command.capacity.ClassSession;
import com.bookingengine.command.catalogue.ServiceSnapshot;
import com.bookingengine.platform.error.ConflictException;
import com.bookingengine.platform.error.InvalidInputException;
import org.axonframework.modelling.command.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** The rules a new booking must pass before it may take a seat (SPEC §3, booking policy). */
class BookingRules {

    /** Finds the session a class booking names, and checks it belongs to the booked service. */
    Aggregate<ClassSession> sessionOf(CreateBookingCommand command, ServiceSnapshot service,
                                      Function<String, Optional<Aggregate<ClassSession>>> find) {
        if (command.sessionId() == null || command.sessionId().isBlank()) {
            throw new InvalidInputException("sessionId", "A " + service.type() + " booking names its sessionId");
        }
        if (command.start() != null || command.end() != null) {
            throw new InvalidInputException("start", "start and end are for appointments; a class is booked by sessionId");
        }
        Aggregate<ClassSession> session = find.apply(command.sessionId())
                .orElseThrow(() -> new InvalidInputException("sessionId", "Unknown session " + command.sessionId()));
        if (!service.serviceId().equals(session.invoke(ClassSession::serviceId))) {
            throw new InvalidInputException("sessionId", "Session " + command.sessionId()
                    + " is not a session of service " + service.serviceId());
        }
        return session;
    }

    /** Checks the booking against the service's policy and returns what it will cost. */
    PaymentDetails check(CreateBookingCommand command, ServiceSnapshot service, ClassSession session, Instant now) {
        BookingTerms terms = service.terms();
        BookingPolicy policy = terms.policy();
        if (command.participants() < 1) {
            throw new InvalidInputException("participants", "participants must be at least 1");
        }
        if (command.participants() > policy.maxParticipantsPerBooking()) {
            throw new InvalidInputException("participants", "A booking of this service brings at most "
                    + policy.maxParticipantsPerBooking() + " participant(s)");
        }
        PaymentOption option = command.payment().option();
        if (!service.paymentOptions().contains(option)) {
            throw new InvalidInputException("payment.option", "This service accepts " + service.paymentOptions()
                    + ", not " + option);
        }
        for (FormField field : service.formFields()) {
            String value = command.formInfo() == null ? null : command.formInfo().get(field.name());
            if (field.required() && (value == null || value.isBlank())) {
                throw new InvalidInputException("formInfo." + field.name(), "Form field '" + field.name()
                        + "' is required by this service");
            }
        }
        if (command.payment().couponCode() != null) {
            throw new InvalidInputException("payment.couponCode", "Unknown coupon code '"
                    + command.payment().couponCode() + "'");
        }
        if (option == PaymentOption.MEMBERSHIP) {
            throw new InvalidInputException("payment.planId", "Contact has no membership plan for this service");
        }
        if (!now.isBefore(session.start().minus(Duration.ofMinutes(policy.minNoticeMinutes())))) {
            throw new ConflictException("tooLateToBook", "Session " + command.sessionId() + " starts at "
                    + session.start() + "; bookings close " + policy.minNoticeMinutes() + " minute(s) before");
        }
        if (session.start().isAfter(now.plus(Duration.ofDays(policy.maxAdvanceDays())))) {
            throw new ConflictException("tooEarlyToBook", "Session " + command.sessionId() + " starts at "
                    + session.start() + "; bookings open " + policy.maxAdvanceDays() + " day(s) before");
        }
        Money price = terms.pricePerParticipant().times(command.participants());
        return new PaymentDetails(option, command.payment().method(), null, null, price, price);
    }
}

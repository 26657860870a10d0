package com.bookingengine.command.booking;

import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.common.Money;
import com.bookingengine.command.capacity.ClassSession;
import com.bookingengine.command.catalogue.ServiceSnapshot;
import com.bookingengine.platform.error.ConflictException;
import com.bookingengine.platform.error.InvalidInputException;
import org.axonframework.modelling.command.Aggregate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Function;

/** The rules a booking must pass before it may take a seat or a provider's time (SPEC §3, booking policy). */
class BookingRules {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEEE yyyy-MM-dd HH:mm xxx");

    /**
     * Where a booking of {@code service} would sit: a class names one of its sessions, a course is booked whole (no
     * session or its {@code serviceId:course} id), an appointment names the start and end of one slot of the
     * service's grid. Anything else is a 400 naming the field.
     */
    Place placeOf(ServiceSnapshot service, String sessionId, Instant start, Instant end,
                  Function<String, Optional<Aggregate<ClassSession>>> find) {
        return switch (service.type()) {
            case CLASS -> sessionPlace(service, sessionId, start, end, find);
            case COURSE -> coursePlace(service, sessionId, start, end, find);
            case APPOINTMENT -> appointmentPlace(service, sessionId, start, end);
        };
    }

    private static Place sessionPlace(ServiceSnapshot service, String sessionId, Instant start, Instant end,
                                      Function<String, Optional<Aggregate<ClassSession>>> find) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new InvalidInputException("sessionId", "A CLASS booking names its sessionId");
        }
        if (start != null || end != null) {
            throw new InvalidInputException("start", "start and end are for appointments; a class is booked by sessionId");
        }
        Aggregate<ClassSession> session = find.apply(sessionId)
                .orElseThrow(() -> new InvalidInputException("sessionId", "Unknown session " + sessionId));
        if (!service.serviceId().equals(session.invoke(ClassSession::serviceId))) {
            throw new InvalidInputException("sessionId", "Session " + sessionId
                    + " is not a session of service " + service.serviceId());
        }
        return new Place(sessionId, session.invoke(ClassSession::start), session.invoke(ClassSession::end));
    }

    private static Place coursePlace(ServiceSnapshot service, String sessionId, Instant start, Instant end,
                                     Function<String, Optional<Aggregate<ClassSession>>> find) {
        String courseId = ClassSession.courseId(service.serviceId());
        if (start != null || end != null) {
            throw new InvalidInputException("start", "A COURSE is booked as a whole: send neither start nor end");
        }
        if (sessionId != null && !sessionId.equals(courseId)) {
            throw new InvalidInputException("sessionId", "A COURSE is booked as a whole: leave sessionId out (or send "
                    + courseId + ", the course's slot)");
        }
        Aggregate<ClassSession> course = find.apply(courseId).orElseThrow(() -> new IllegalStateException(
                "Course " + service.serviceId() + " has no seats " + courseId));
        return new Place(courseId, course.invoke(ClassSession::start), course.invoke(ClassSession::end));
    }

    private static Place appointmentPlace(ServiceSnapshot service, String sessionId, Instant start, Instant end) {
        if (sessionId != null) {
            throw new InvalidInputException("sessionId", "An APPOINTMENT is booked by start and end, not sessionId");
        }
        if (start == null) {
            throw new InvalidInputException("start", "An APPOINTMENT booking needs a start");
        }
        if (end == null) {
            throw new InvalidInputException("end", "An APPOINTMENT booking needs an end");
        }
        ZoneId zone = ZoneId.of(service.terms().timeZone());
        AppointmentSchedule schedule = service.schedule();
        AppointmentSchedule.TimeSlot slot = schedule.slotAt(start, zone).orElseThrow(() -> new InvalidInputException(
                "start", "start " + LOCAL.format(start.atZone(zone)) + " (" + zone + ") is not the start of a slot: "
                + "service " + service.serviceId() + " takes appointments of " + schedule.slotMinutes()
                + " minutes from the start of its working hours, on that day " + schedule.hoursOn(
                start.atZone(zone).getDayOfWeek()) + "; GET /availability lists the slots"));
        if (!slot.end().equals(end)) {
            throw new InvalidInputException("end", "An appointment of service " + service.serviceId() + " lasts "
                    + schedule.slotMinutes() + " minutes: the slot starting at " + start + " ends at " + slot.end());
        }
        return new Place(null, start, end);
    }

    /** Checks a new booking against the service's policy and returns what it will cost. */
    PaymentDetails check(CreateBookingCommand command, ServiceSnapshot service, Place place, Instant now) {
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
        String couponCode = command.payment().couponCode();
        String planId = command.payment().planId();
        if (option == PaymentOption.MEMBERSHIP && (planId == null || planId.isBlank())) {
            throw new InvalidInputException("payment.planId", "A MEMBERSHIP booking names the planId it pays with");
        }
        if (option != PaymentOption.MEMBERSHIP && planId != null) {
            throw new InvalidInputException("payment.planId", "planId is for MEMBERSHIP bookings; this one pays "
                    + option);
        }
        if (option == PaymentOption.MEMBERSHIP && couponCode != null) {
            throw new InvalidInputException("payment.couponCode", "A MEMBERSHIP booking pays with credits; a coupon "
                    + "only reduces a price paid in money");
        }
        if (!terms.pricePerParticipant().canMultiplyBy(command.participants())) {
            throw new InvalidInputException("participants", command.participants() + " participants at "
                    + terms.pricePerParticipant().amount() + " each would cost more than "
                    + Money.MAX_AMOUNT.toPlainString() + ", the largest amount the engine takes");
        }
        checkTiming(policy, place, now);
        Money price = terms.pricePerParticipant().times(command.participants());
        // the coupon's discount and the plan's credits are applied after the seats (BookingPayments)
        return new PaymentDetails(option, command.payment().method(), couponCode, planId, price, price);
    }

    /** Min notice and max advance, at create and at reschedule (against the booking's own policy snapshot). */
    static void checkTiming(BookingPolicy policy, Place place, Instant now) {
        if (policy.tooLateToBook(place.start(), now)) {
            throw new ConflictException("tooLateToBook", place.describe() + "; bookings close "
                    + policy.minNoticeMinutes() + " minute(s) before");
        }
        if (policy.tooEarlyToBook(place.start(), now)) {
            throw new ConflictException("tooEarlyToBook", place.describe() + "; bookings open "
                    + policy.maxAdvanceDays() + " day(s) before");
        }
    }
}

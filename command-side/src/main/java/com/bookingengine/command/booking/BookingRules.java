package com.bookingengine.command.booking;

import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.PlaceShape;
import com.bookingengine.api.catalogue.Provider;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.command.capacity.ClassSession;
import com.bookingengine.command.catalogue.ServiceSnapshot;
import org.axonframework.modelling.command.Aggregate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.function.Function;

import static com.bookingengine.api.rules.Rule.*;

/** The rules a booking must pass before it may take a seat or a provider's time (SPEC §3, booking policy). */
class BookingRules {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEEE yyyy-MM-dd HH:mm xxx");

    /**
     * Where a booking of {@code service} would sit: a class names one of its sessions, a course is booked whole (no
     * session or its {@code serviceId:course} id), an appointment names the start and end of one slot of the
     * grid of one of its active providers ({@code providerId}'s, when named). The shape is checked as availability
     * checks it ({@link PlaceShape}); anything else breaks a rule naming what is wrong.
     */
    Place placeOf(ServiceSnapshot service, String sessionId, Instant start, Instant end, String providerId,
                  Function<String, Optional<Aggregate<ClassSession>>> find) {
        PlaceShape.check(service.type(), sessionId, start, end);
        if (providerId != null && service.type() != ServiceType.APPOINTMENT) {
            throw new RuleViolation(PROVIDER_ONLY_FOR_APPOINTMENTS, "providerId is for APPOINTMENT services; a "
                    + service.type() + " has no providers");
        }
        return switch (service.type()) {
            case CLASS -> sessionPlace(service, sessionId, find);
            case COURSE -> coursePlace(service, sessionId, find);
            case APPOINTMENT -> appointmentPlace(service, start, end, providerId);
        };
    }

    private static Place sessionPlace(ServiceSnapshot service, String sessionId,
                                      Function<String, Optional<Aggregate<ClassSession>>> find) {
        Aggregate<ClassSession> session = find.apply(sessionId)
                .orElseThrow(() -> new RuleViolation(UNKNOWN_SESSION, "Unknown session " + sessionId));
        if (!service.serviceId().equals(session.invoke(ClassSession::serviceId))) {
            throw new RuleViolation(SESSION_OF_OTHER_SERVICE, "Session " + sessionId
                    + " is not a session of service " + service.serviceId());
        }
        return new Place(sessionId, session.invoke(ClassSession::start), session.invoke(ClassSession::end));
    }

    private static Place coursePlace(ServiceSnapshot service, String sessionId,
                                     Function<String, Optional<Aggregate<ClassSession>>> find) {
        String courseId = ClassSession.courseId(service.serviceId());
        if (sessionId != null && !sessionId.equals(courseId)) {
            throw new RuleViolation(COURSE_TAKES_NO_SESSION,
                    "A COURSE is booked as a whole: leave sessionId out (or send "
                    + courseId + ", the course's slot)");
        }
        Aggregate<ClassSession> course = find.apply(courseId).orElseThrow(() -> new IllegalStateException(
                "Course " + service.serviceId() + " has no seats " + courseId));
        return new Place(courseId, course.invoke(ClassSession::start), course.invoke(ClassSession::end));
    }

    private static Place appointmentPlace(ServiceSnapshot service, Instant start, Instant end, String providerId) {
        ZoneId zone = ZoneId.of(service.terms().timeZone());
        AppointmentSchedule schedule = service.schedule();
        if (providerId != null) {
            Provider provider = schedule.provider(providerId).orElseThrow(() -> new RuleViolation(UNKNOWN_PROVIDER,
                    "Service " + service.serviceId() + " has no provider " + providerId));
            if (provider.retired()) {
                throw new RuleViolation(PROVIDER_RETIRED, "Provider " + providerId + " of service "
                        + service.serviceId() + " is retired: it keeps its bookings and takes no new ones");
            }
            return slotOf(service, schedule.of(provider), start, end, zone).of(providerId);
        }
        if (schedule.providers().isEmpty()) {
            return slotOf(service, schedule, start, end, zone); // the implicit provider works the service's hours
        }
        List<Provider> able = schedule.providersWithSlot(start, start.plus(schedule.slotLength()), zone);
        if (able.isEmpty()) {
            String hours = schedule.activeStaff().stream()
                    .map(p -> p.providerId() + " " + schedule.of(p).hoursOn(start.atZone(zone).getDayOfWeek()))
                    .collect(Collectors.joining("; "));
            throw new RuleViolation(NOT_A_SLOT, "start " + LOCAL.format(start.atZone(zone)) + " (" + zone
                    + ") is not the start of a slot of any provider of service " + service.serviceId()
                    + " taking bookings: slots of " + schedule.slotMinutes() + " minutes run from the start of each "
                    + "provider's working hours, on that day " + (hours.isEmpty() ? "none" : hours)
                    + "; GET /availability lists the slots");
        }
        return slotOf(service, schedule.of(able.get(0)), start, end, zone);
    }

    /** [start, end) as a slot of {@code schedule}'s grid, or the rule naming why it is not one. */
    private static Place slotOf(ServiceSnapshot service, AppointmentSchedule schedule, Instant start, Instant end,
                                ZoneId zone) {
        AppointmentSchedule.TimeSlot slot = schedule.slotAt(start, zone).orElseThrow(() -> new RuleViolation(
                NOT_A_SLOT, "start " + LOCAL.format(start.atZone(zone)) + " (" + zone + ") is not the start of a slot: "
                + "service " + service.serviceId() + " takes appointments of " + schedule.slotMinutes()
                + " minutes from the start of its working hours, on that day " + schedule.hoursOn(
                start.atZone(zone).getDayOfWeek()) + "; GET /availability lists the slots"));
        if (!slot.end().equals(end)) {
            throw new RuleViolation(NOT_THE_SLOT_END, "An appointment of service " + service.serviceId() + " lasts "
                    + schedule.slotMinutes() + " minutes: the slot starting at " + start + " ends at " + slot.end());
        }
        return new Place(null, start, end);
    }

    /** Checks a new booking against the service's policy and returns what it will cost. */
    PaymentDetails check(CreateBookingCommand command, ServiceSnapshot service, Place place, Instant now) {
        BookingTerms terms = service.terms();
        BookingPolicy policy = terms.policy();
        policy.checkParticipants(command.participants());
        PaymentOption option = command.payment().option();
        if (!service.paymentOptions().contains(option)) {
            throw new RuleViolation(PAYMENT_OPTION_NOT_ACCEPTED, "This service accepts " + service.paymentOptions()
                    + ", not " + option);
        }
        for (FormField field : service.formFields()) {
            String value = command.formInfo() == null ? null : command.formInfo().get(field.name());
            if (field.required() && (value == null || value.isBlank())) {
                throw new RuleViolation(FORM_FIELD_REQUIRED, "Form field '" + field.name()
                        + "' is required by this service", field.name());
            }
        }
        String couponCode = command.payment().couponCode();
        String planId = command.payment().planId();
        if (option == PaymentOption.MEMBERSHIP && (planId == null || planId.isBlank())) {
            throw new RuleViolation(MEMBERSHIP_NEEDS_PLAN, "A MEMBERSHIP booking names the planId it pays with");
        }
        if (option != PaymentOption.MEMBERSHIP && planId != null) {
            throw new RuleViolation(PLAN_ONLY_FOR_MEMBERSHIP, "planId is for MEMBERSHIP bookings; this one pays "
                    + option);
        }
        if (option == PaymentOption.MEMBERSHIP && couponCode != null) {
            throw new RuleViolation(MEMBERSHIP_TAKES_NO_COUPON, "A MEMBERSHIP booking pays with credits; a coupon "
                    + "only reduces a price paid in money");
        }
        if (!terms.pricePerParticipant().canMultiplyBy(command.participants())) {
            throw new RuleViolation(PRICE_ABOVE_MAXIMUM, command.participants() + " participants at "
                    + terms.pricePerParticipant().amount() + " each would cost more than "
                    + Money.MAX_AMOUNT.toPlainString() + ", the largest amount the engine takes");
        }
        policy.checkTiming(place.start(), now, place.describe());
        Money price = terms.pricePerParticipant().times(command.participants());
        // the coupon's discount and the plan's credits are applied after the seats (BookingPayments)
        return new PaymentDetails(option, command.payment().method(), couponCode, planId, price, price);
    }
}

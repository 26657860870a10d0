package com.bookingengine.api;

import com.bookingengine.api.booking.ApprovePaymentCommand;
import com.bookingengine.api.booking.CancelBookingCommand;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.ChangeParticipantsCommand;
import com.bookingengine.api.booking.ConfirmBookingCommand;
import com.bookingengine.api.booking.CreateBookingCommand;
import com.bookingengine.api.booking.DeclineBookingCommand;
import com.bookingengine.api.booking.FailPaymentCommand;
import com.bookingengine.api.booking.MarkBookingPaidCommand;
import com.bookingengine.api.booking.PaymentRequest;
import com.bookingengine.api.booking.RescheduleBookingCommand;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.CreateServiceCommand;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ScheduleSessionCommand;
import com.bookingengine.api.catalogue.ScheduleWeeklySessionsCommand;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.SessionSpec;
import com.bookingengine.api.catalogue.UpdateServiceCommand;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.payment.CreateCouponCommand;
import com.bookingengine.api.payment.GrantMembershipPlanCommand;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Defence in depth (SPEC §4): a command built without HTTP cannot carry what a request could not. Each command is
 * built directly with one bad value (a control character, half a character, an over-long text, a date out of
 * range) and refuses it; the same command with good values builds.
 */
class CommandsRefuseWhatTheEdgeRefusesTest {

    private static final String NUL = "Ada\u0000";
    private static final String ESC = "\u001B[2J";
    private static final String BEL = "ring\u0007";
    private static final String LONE_SURROGATE = "a\uD800b";
    private static final Instant START = Instant.parse("2030-03-01T10:00:00Z");
    private static final Instant END = START.plusSeconds(3600);
    private static final Instant YEAR_ZERO = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant YEAR_99999 = Instant.parse("+99999-01-01T00:00:00Z");
    private static final ContactDetails CONTACT = new ContactDetails("c-1", "Ada", "Lovelace", "ada@example.com",
            "+44 20 1234", "12 St James's Square, London");
    private static final PaymentRequest IN_PERSON = new PaymentRequest(PaymentOption.IN_PERSON, null, null, null);

    @Test
    void goodCommandsBuild() {
        assertThatCode(() -> {
            createService("Yoga", "Studio 1", List.of(new FormField("phone", true)), START, END);
            booking("s-1", START, END, CONTACT, Map.of("phone", "+49 30 123"), IN_PERSON);
            new ScheduleWeeklySessionsCommand("yoga", Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0),
                    LocalTime.of(10, 0), LocalDate.of(2000, 1, 1), LocalDate.of(2200, 12, 31), null);
            new CreateCouponCommand("WINTER", 10, null, Instant.parse("2200-12-31T23:59:59Z"), null);
            new GrantMembershipPlanCommand("plan", "c-1", "Ten classes", 10, List.of("yoga"));
        }).doesNotThrowAnyException();
    }

    @Test
    void serviceTextsAreRefused() {
        refused(() -> createService(NUL, null, null, START, END), "name");
        refused(() -> createService("x".repeat(201), null, null, START, END), "name");
        refused(() -> createService("Yoga", ESC, null, START, END), "location");
        refused(() -> createService("Yoga", null, List.of(new FormField(BEL, false)), START, END), "formFields");
        refused(() -> createService("Yoga", null, Collections.nCopies(51, new FormField("f", false)), START, END),
                "formFields");
        refused(() -> new UpdateServiceCommand("yoga", LONE_SURROGATE, null, null, null, price(), payOptions(), false,
                null, null, null, null), "name");
        refused(() -> new UpdateServiceCommand("yoga", "Yoga", null, "Europe/" + NUL, null, price(), payOptions(),
                false, null, null, null, null), "timeZone");
    }

    @Test
    void sessionDatesOutOfRangeAreRefused() {
        refused(() -> createService("Yoga", null, null, YEAR_ZERO, END), "start");
        refused(() -> createService("Yoga", null, null, START, YEAR_99999), "end");
        refused(() -> new ScheduleSessionCommand("yoga", "s-1", YEAR_ZERO, END, null), "start");
        refused(() -> new ScheduleSessionCommand("yoga", "s-1", START, YEAR_99999, null), "end");
        refused(() -> new ScheduleWeeklySessionsCommand("yoga", Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0),
                LocalTime.of(10, 0), LocalDate.of(0, 1, 1), LocalDate.of(2030, 1, 1), null), "from");
        refused(() -> new ScheduleWeeklySessionsCommand("yoga", Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0),
                LocalTime.of(10, 0), LocalDate.of(2030, 1, 1), LocalDate.of(99999, 1, 1), null), "until");
    }

    @Test
    void bookingTextsAndDatesAreRefused() {
        refused(() -> booking("s-1", YEAR_ZERO, END, CONTACT, null, IN_PERSON), "start");
        refused(() -> booking("s-1", START, YEAR_99999, CONTACT, null, IN_PERSON), "end");
        refused(() -> booking(NUL, null, null, CONTACT, null, IN_PERSON), "sessionId");
        refused(() -> booking("s-1", null, null, new ContactDetails(null, NUL, "Lovelace", "ada@example.com",
                null, null), null, IN_PERSON), "firstName");
        refused(() -> booking("s-1", null, null, new ContactDetails(null, "Ada", "Lovelace", "ada@example.com",
                null, "x".repeat(501)), null, IN_PERSON), "address");
        refused(() -> booking("s-1", null, null, CONTACT, Map.of("phone", BEL), IN_PERSON), "formInfo");
        refused(() -> booking("s-1", null, null, CONTACT, Map.of(LONE_SURROGATE, "x"), IN_PERSON), "formInfo");
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i <= 50; i++) {
            tooMany.put("f" + i, "x");
        }
        refused(() -> booking("s-1", null, null, CONTACT, tooMany, IN_PERSON), "formInfo");
        refused(() -> new PaymentRequest(PaymentOption.ONLINE, ESC, null, null), "method");
        refused(() -> new PaymentRequest(PaymentOption.ONLINE, null, "x".repeat(51), null), "couponCode");
        refused(() -> new PaymentRequest(PaymentOption.MEMBERSHIP, null, null, NUL), "planId");
    }

    @Test
    void transitionTextsAreRefused() {
        String booking = "5b0e0000-0000-4000-8000-000000000001";
        refused(() -> new ConfirmBookingCommand(booking, 1L, NUL), "reason");
        refused(() -> new DeclineBookingCommand(booking, 1L, "x".repeat(501)), "reason");
        refused(() -> new CancelBookingCommand(booking, null, ESC, CancelRequester.OWNER), "reason");
        refused(() -> new FailPaymentCommand(booking, null, LONE_SURROGATE), "reason");
        refused(() -> new ApprovePaymentCommand(booking, BEL, null), "transactionId");
        refused(() -> new MarkBookingPaidCommand(NUL, null), "bookingId");
        refused(() -> new ChangeParticipantsCommand("x".repeat(101), 2, null), "bookingId");
        refused(() -> new RescheduleBookingCommand(booking, null, YEAR_ZERO, END, null), "start");
        refused(() -> new RescheduleBookingCommand(booking, null, START, YEAR_99999, null), "end");
    }

    @Test
    void couponAndPlanInputIsRefused() {
        refused(() -> new CreateCouponCommand("WINTER", 10, null, YEAR_99999, null), "validUntil");
        refused(() -> new CreateCouponCommand(NUL, 10, null, null, null), "code");
        refused(() -> new CreateCouponCommand("FREE", null, Money.of("1e1000", "EUR"), null, null), "amount");
        refused(() -> new GrantMembershipPlanCommand("plan", "c-1", ESC, 10, List.of("yoga")), "name");
        refused(() -> new GrantMembershipPlanCommand("plan", NUL, "Ten", 10, List.of("yoga")), "contactId");
        refused(() -> new GrantMembershipPlanCommand("plan", "c-1", "Ten", 10, List.of(LONE_SURROGATE)),
                "serviceIds");
    }

    private static void refused(ThrowingCallable build, String what) {
        assertThatThrownBy(build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(what);
    }

    private static CreateServiceCommand createService(String name, String location, List<FormField> form,
                                                      Instant start, Instant end) {
        return new CreateServiceCommand("yoga", name, ServiceType.CLASS, "Europe/Berlin", location, price(),
                payOptions(), false, form, BookingPolicy.defaults(), 10,
                List.of(new SessionSpec("s-1", start, end, null)), null);
    }

    private static CreateBookingCommand booking(String sessionId, Instant start, Instant end, ContactDetails contact,
                                                Map<String, String> formInfo, PaymentRequest payment) {
        return new CreateBookingCommand("5b0e0000-0000-4000-8000-000000000001", "yoga", sessionId, start, end, 1,
                contact, formInfo, payment, false);
    }

    private static Money price() {
        return Money.of("20.00", "EUR");
    }

    private static Set<PaymentOption> payOptions() {
        return Set.of(PaymentOption.IN_PERSON);
    }
}

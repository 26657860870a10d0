package com.bookingengine.platform.axon;

import com.bookingengine.api.booking.AppointmentTimeReleasedEvent;
import com.bookingengine.api.booking.AppointmentTimeReservedEvent;
import com.bookingengine.api.booking.BookingCanceledEvent;
import com.bookingengine.api.booking.BookingConfirmedEvent;
import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingDeclinedEvent;
import com.bookingengine.api.booking.BookingMarkedPaidEvent;
import com.bookingengine.api.booking.BookingParticipantsChangedEvent;
import com.bookingengine.api.booking.BookingPromotedEvent;
import com.bookingengine.api.booking.BookingRescheduledEvent;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.CheckoutExpiredEvent;
import com.bookingengine.api.booking.PaymentApprovedEvent;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.booking.PaymentFailedEvent;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.api.booking.ProviderDayOpenedEvent;
import com.bookingengine.api.booking.SeatsReleasedEvent;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.booking.WaitlistJoinedEvent;
import com.bookingengine.api.booking.WaitlistLeftEvent;
import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.CourseSessionsScheduledEvent;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.catalogue.SessionScheduledEvent;
import com.bookingengine.api.catalogue.WorkingHours;
import com.bookingengine.api.common.CalendarRange;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.Money;
import com.bookingengine.api.common.PlainText;
import com.bookingengine.api.payment.CouponCreatedEvent;
import com.bookingengine.api.payment.CouponUseReturnedEvent;
import com.bookingengine.api.payment.CouponUsedEvent;
import com.bookingengine.api.payment.CreditsConsumedEvent;
import com.bookingengine.api.payment.CreditsRefundedEvent;
import com.bookingengine.api.payment.Discount;
import com.bookingengine.api.payment.MembershipPlanGrantedEvent;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event written can be read back (SPEC §4): each event type of the published language, found by scanning
 * {@code com.bookingengine.api} for classes named {@code *Event} so a new one cannot be forgotten, is built at the
 * bounds the edge lets through (longest texts with characters beyond the BMP, the largest amounts, the first and
 * last instants of the calendar range, the largest counts) and goes through the engine's event serializer and
 * back unchanged.
 */
class EventRoundTripTest {

    private static final Instant FIRST = CalendarRange.EARLIEST;
    private static final Instant LAST = CalendarRange.LATEST;
    private static final Money MAX_EUR = Money.of("1000000000.00", "EUR");
    private static final Money MAX_BHD = Money.of("999999999.999", "BHD");
    private static final Money MAX_JPY = Money.of("1000000000", "JPY");
    private static final int MAX_PARTICIPANTS = 1000;
    private static final int MAX_CAPACITY = 100_000;
    private static final int MAX_CREDITS = 100_000;
    private static final String ID = text(InputLimits.ID);
    private static final String ZONE = "America/Argentina/ComodRivadavia";
    private static final BookingPolicy POLICY = new BookingPolicy(Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    private static final AppointmentSchedule SCHEDULE = new AppointmentSchedule(List.of(
            new WorkingHours(DayOfWeek.SUNDAY, LocalTime.MIN, LocalTime.MAX),
            new WorkingHours(DayOfWeek.MONDAY, LocalTime.of(0, 0), LocalTime.of(23, 59, 59, 999_999_999))), 1440);
    private static final List<FormField> FORM = IntStream.range(0, InputLimits.FORM_FIELDS)
            .mapToObj(i -> new FormField(i + text(InputLimits.FORM_FIELD_NAME - 2), i % 2 == 0)).toList();
    private static final ContactDetails CONTACT = new ContactDetails(text(InputLimits.ID),
            text(InputLimits.PERSON_NAME), text(InputLimits.PERSON_NAME), text(InputLimits.EMAIL),
            text(InputLimits.PHONE), text(InputLimits.ADDRESS));

    private final Serializer serializer = new AxonMessagingConfiguration().eventSerializer();

    @Test
    void everyEventTypeHasASampleAtItsBounds() {
        Set<String> sampled = samples().stream().map(e -> e.getClass().getName()).collect(Collectors.toSet());
        assertThat(eventTypes()).contains(BookingCreatedEvent.class.getName(), CouponCreatedEvent.class.getName())
                .allSatisfy(type -> assertThat(sampled)
                .as("no sample of %s: add one to EventRoundTripTest.samples()", type).contains(type));
    }

    @Test
    void everySampleReadsBackAsItWasWritten() {
        for (Object event : samples()) {
            SerializedObject<byte[]> written = serializer.serialize(event, byte[].class);
            Object read = serializer.deserialize(written);
            assertThat(read).as("%s read back", event.getClass().getSimpleName()).isEqualTo(event);
        }
    }

    @Test
    void storedAmountsWithFewerDecimalsReadAsTheCurrencysScale() {
        for (String amount : new String[]{"20", "20.0", "20.00"}) {
            String json = "{\"code\":\"FIVE\",\"discount\":{\"percentOff\":null,\"amountOff\":{\"amount\":\""
                    + amount + "\",\"currency\":\"EUR\"}},\"validUntil\":null,\"maxUses\":null}";
            Object read = serializer.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8),
                    byte[].class, CouponCreatedEvent.class.getName(), "1"));
            assertThat(read).as(amount).isEqualTo(new CouponCreatedEvent("FIVE",
                    new Discount(null, Money.of("20.00", "EUR")), null, null));
        }
    }

    @Test
    void theSamplesReallyAreAtTheBounds() {
        assertThat(PlainText.problem(ID, InputLimits.ID)).isEmpty();
        assertThat(PlainText.problem(ID + "x", InputLimits.ID)).isPresent();
        assertThat(ID).contains("\uD83E\uDDD8");
        assertThat(LAST.atZone(ZoneOffset.UTC).getYear()).isEqualTo(CalendarRange.LAST_YEAR);
    }

    private static Set<String> eventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*Event")));
        return scanner.findCandidateComponents("com.bookingengine.api").stream()
                .map(BeanDefinition::getBeanClassName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Object> samples() {
        List<Object> events = new ArrayList<>();
        String reason = text(InputLimits.REASON);
        // booking
        events.add(new BookingCreatedEvent(ID, ID, text(InputLimits.SERVICE_NAME), ServiceType.APPOINTMENT, ID,
                FIRST, LAST, MAX_PARTICIPANTS, CONTACT, formInfo(), payment(), BookingStatus.PENDING_CHECKOUT,
                PaymentStatus.PENDING, true, new BookingTerms(ZONE, MAX_EUR, true, POLICY)));
        events.add(new BookingCreatedEvent(ID, ID, "", ServiceType.CLASS, null, null, null, 1,
                new ContactDetails(null, "", "", "", null, null), Map.of(),
                new PaymentDetails(PaymentOption.IN_PERSON, null, null, null, Money.of("0", "JPY"),
                        Money.of("0", "JPY")), BookingStatus.CONFIRMED, PaymentStatus.EXEMPT, false,
                new BookingTerms(ZONE, Money.of("0", "JPY"), false, BookingPolicy.defaults())));
        events.add(new BookingConfirmedEvent(ID, reason, BookingStatus.CONFIRMED, PaymentStatus.NOT_PAID));
        events.add(new BookingDeclinedEvent(ID, reason, BookingStatus.DECLINED, PaymentStatus.REFUNDED));
        events.add(new BookingCanceledEvent(ID, CancelRequester.CUSTOMER, reason, BookingStatus.CANCELED,
                PaymentStatus.REFUNDED));
        events.add(new BookingMarkedPaidEvent(ID, BookingStatus.CONFIRMED, PaymentStatus.PAID));
        events.add(new BookingParticipantsChangedEvent(ID, 1, MAX_PARTICIPANTS, MAX_BHD, MAX_BHD,
                BookingStatus.CONFIRMED, PaymentStatus.PAID));
        events.add(new BookingPromotedEvent(ID, ID, BookingStatus.PENDING_CHECKOUT, PaymentStatus.PENDING));
        events.add(new BookingRescheduledEvent(ID, ID, ID, FIRST, LAST, BookingStatus.CONFIRMED,
                PaymentStatus.NOT_PAID));
        events.add(new CheckoutExpiredEvent(ID, BookingStatus.CANCELED, PaymentStatus.NOT_PAID));
        events.add(new PaymentApprovedEvent(ID, text(InputLimits.TRANSACTION_ID), BookingStatus.CONFIRMED,
                PaymentStatus.PAID));
        events.add(new PaymentFailedEvent(ID, reason, BookingStatus.CANCELED, PaymentStatus.NOT_PAID));
        events.add(new ProviderDayOpenedEvent(ID, ID, LocalDate.of(CalendarRange.LAST_YEAR, 12, 31), ZONE));
        events.add(new ProviderDayOpenedEvent(ID, ID, LocalDate.of(CalendarRange.FIRST_YEAR, 1, 1), ZONE));
        events.add(new AppointmentTimeReservedEvent(ID, ID, ID, FIRST, LAST));
        events.add(new AppointmentTimeReleasedEvent(ID, ID, ID, FIRST, LAST));
        events.add(new SeatsReservedEvent(ID, ID, ID, MAX_PARTICIPANTS));
        events.add(new SeatsReleasedEvent(ID, ID, ID, MAX_PARTICIPANTS));
        events.add(new WaitlistJoinedEvent(ID, ID, ID, MAX_PARTICIPANTS));
        events.add(new WaitlistLeftEvent(ID, ID, ID, MAX_PARTICIPANTS, true));
        // catalogue
        events.add(new ServiceCreatedEvent(ID, text(InputLimits.SERVICE_NAME), ServiceType.APPOINTMENT, ZONE,
                text(InputLimits.LOCATION), MAX_EUR, EnumSet.allOf(PaymentOption.class), true, FORM, POLICY, 1,
                SCHEDULE));
        events.add(new ServiceCreatedEvent(ID, "", ServiceType.CLASS, ZONE, null, Money.of("0", "BHD"),
                Set.of(PaymentOption.IN_PERSON), false, List.of(), BookingPolicy.defaults(), MAX_CAPACITY, null));
        events.add(new ServiceUpdatedEvent(ID, text(InputLimits.SERVICE_NAME), text(InputLimits.LOCATION), MAX_JPY,
                EnumSet.allOf(PaymentOption.class), true, FORM, POLICY, MAX_CAPACITY, SCHEDULE));
        events.add(new SessionScheduledEvent(ID, ID, FIRST, LAST, MAX_CAPACITY));
        events.add(new CourseSessionsScheduledEvent(ID, ID, List.of(
                new CourseSessionsScheduledEvent.Meeting(ID, FIRST, FIRST.plusSeconds(1)),
                new CourseSessionsScheduledEvent.Meeting(text(InputLimits.ID - 1) + "2", LAST.minusSeconds(1), LAST))));
        // payment
        events.add(new CouponCreatedEvent(text(InputLimits.COUPON_CODE), new Discount(null, MAX_EUR), LAST,
                Integer.MAX_VALUE));
        events.add(new CouponCreatedEvent(text(InputLimits.COUPON_CODE), new Discount(100, null), FIRST, null));
        events.add(new CouponUsedEvent(text(InputLimits.COUPON_CODE), ID, Integer.MAX_VALUE));
        events.add(new CouponUseReturnedEvent(text(InputLimits.COUPON_CODE), ID, 0));
        events.add(new CreditsConsumedEvent(ID, ID, ID, MAX_CREDITS, 0));
        events.add(new CreditsRefundedEvent(ID, ID, ID, MAX_CREDITS, MAX_CREDITS));
        events.add(new MembershipPlanGrantedEvent(ID, ID, text(InputLimits.PLAN_NAME), MAX_CREDITS,
                IntStream.range(0, InputLimits.PLAN_SERVICES).mapToObj(i -> i + text(InputLimits.ID - 3))
                        .collect(Collectors.toSet())));
        return events;
    }

    private static Map<String, String> formInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        for (int i = 0; i < InputLimits.FORM_FIELDS; i++) {
            info.put(i + text(InputLimits.FORM_FIELD_NAME - 2), text(InputLimits.FORM_VALUE));
        }
        return info;
    }

    private static PaymentDetails payment() {
        return new PaymentDetails(PaymentOption.ONLINE, text(InputLimits.PAYMENT_METHOD),
                text(InputLimits.COUPON_CODE), text(InputLimits.ID), MAX_EUR, Money.of("0.01", "EUR"),
                new Discount(null, MAX_EUR));
    }

    /**
     * Plain text of exactly {@code length} UTF-16 units: accents, CJK, a character beyond the BMP (a surrogate
     * pair), quotes and a backslash, which the serializer must escape and read back.
     */
    private static String text(int length) {
        String pattern = "Zoë \"Å\" 李\\ \uD83E\uDDD8 ";
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(pattern);
        }
        text.setLength(length);
        if (Character.isHighSurrogate(text.charAt(length - 1))) {
            text.setCharAt(length - 1, 'x');
        }
        return text.toString();
    }
}

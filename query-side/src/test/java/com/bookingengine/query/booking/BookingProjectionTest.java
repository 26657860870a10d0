package com.bookingengine.query.booking;

import com.bookingengine.api.booking.BookingCanceledEvent;
import com.bookingengine.api.booking.BookingConfirmedEvent;
import com.bookingengine.api.booking.BookingCreatedEvent;
import com.bookingengine.api.booking.BookingParticipantsChangedEvent;
import com.bookingengine.api.booking.BookingPromotedEvent;
import com.bookingengine.api.booking.BookingRescheduledEvent;
import com.bookingengine.api.booking.BookingDeclinedEvent;
import com.bookingengine.api.booking.BookingMarkedPaidEvent;
import com.bookingengine.api.booking.BookingPage;
import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.api.booking.BookingView;
import com.bookingengine.api.booking.CancelRequester;
import com.bookingengine.api.booking.FindBookingQuery;
import com.bookingengine.api.booking.ListBookingsQuery;
import com.bookingengine.api.booking.PaymentApprovedEvent;
import com.bookingengine.api.booking.PaymentDetails;
import com.bookingengine.api.booking.PaymentFailedEvent;
import com.bookingengine.api.booking.PaymentStatus;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.Money;
import com.bookingengine.query.ProjectionTestSupport;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.bookingengine.api.booking.BookingStatus.CANCELED;
import static com.bookingengine.api.booking.BookingStatus.CONFIRMED;
import static com.bookingengine.api.booking.BookingStatus.DECLINED;
import static com.bookingengine.api.booking.BookingStatus.PENDING;
import static com.bookingengine.api.booking.BookingStatus.PENDING_CHECKOUT;
import static org.assertj.core.api.Assertions.assertThat;

/** The booking list and detail read model, fed with the booking aggregate's events. */
class BookingProjectionTest extends ProjectionTestSupport {

    private static final Instant MONDAY_9 = Instant.parse("2031-03-03T09:00:00Z");
    private static final Instant CREATED = Instant.parse("2031-02-01T10:15:30.123Z");

    @Test
    void aCreatedBookingShowsEveryDetailAtRevisionOne() {
        // given a booking the command side just created
        String bookingId = id("booking");
        String serviceId = id("yoga");
        String sessionId = id("session");
        ContactDetails contact = new ContactDetails("contact-42", "Ada", "Lovelace", "ada@example.com",
                "+33 1 23 45 67 89", "1 Rue de Rivoli, Paris");
        Map<String, String> formInfo = Map.of("experience", "beginner", "notes", "bad knee");
        PaymentDetails payment = new PaymentDetails(PaymentOption.ONLINE, "card", "SPRING10", null,
                Money.of("50.00", "EUR"), Money.of("45.00", "EUR"));

        // when
        publishAt(CREATED, BOOKING_AGGREGATE, bookingId, new BookingCreatedEvent(bookingId, serviceId, "Morning Yoga",
                ServiceType.CLASS, sessionId, MONDAY_9, MONDAY_9.plus(Duration.ofMinutes(75)), 2, contact, formInfo,
                payment, PENDING, PaymentStatus.NOT_PAID, false, terms()));
        awaitProjections();

        // then the dashboard's detail view shows all of it
        BookingView view = find(bookingId).orElseThrow();
        assertThat(view.bookingId()).isEqualTo(bookingId);
        assertThat(view.serviceId()).isEqualTo(serviceId);
        assertThat(view.serviceName()).isEqualTo("Morning Yoga");
        assertThat(view.serviceType()).isEqualTo(ServiceType.CLASS);
        assertThat(view.sessionId()).isEqualTo(sessionId);
        assertThat(view.start()).isEqualTo(MONDAY_9);
        assertThat(view.end()).isEqualTo(Instant.parse("2031-03-03T10:15:00Z"));
        assertThat(view.participants()).isEqualTo(2);
        assertThat(view.contact()).isEqualTo(contact);
        assertThat(view.formInfo()).isEqualTo(formInfo);
        assertThat(view.payment()).isEqualTo(payment);
        assertThat(view.status()).isEqualTo(PENDING);
        assertThat(view.paymentStatus()).isEqualTo(PaymentStatus.NOT_PAID);
        assertThat(view.waitlisted()).isFalse();
        assertThat(view.revision()).isEqualTo(1);
        assertThat(view.createdAt()).isEqualTo(CREATED);
        assertThat(view.updatedAt()).isEqualTo(CREATED);
        // and nothing else: the whole record, field for field
        assertThat(view).isEqualTo(new BookingView(bookingId, serviceId, "Morning Yoga", ServiceType.CLASS, sessionId,
                null, MONDAY_9, MONDAY_9.plus(Duration.ofMinutes(75)), 2, PENDING, PaymentStatus.NOT_PAID, false, contact,
                formInfo, payment, 1, CREATED, CREATED));
    }

    @Test
    void anUnknownBookingIsNotFound() {
        assertThat(find(id("never-created"))).isEmpty();
    }

    @Test
    void stateChangesLeaveTheLatestStatusAndCountTheEvents() {
        // given four bookings, each going through a different lifecycle; their events interleave in the store
        String serviceId = id("pilates");
        String approvedOnline = id("approved-online");
        String paidInPersonThenCanceled = id("paid-then-canceled");
        String declined = id("declined");
        String paymentFailed = id("payment-failed");
        Instant t0 = Instant.parse("2031-02-01T08:00:00Z");

        publishAt(t0, BOOKING_AGGREGATE, approvedOnline, created(approvedOnline, serviceId, "c-1", MONDAY_9, PENDING, PaymentStatus.NOT_PAID));
        publishAt(t0.plusSeconds(1), BOOKING_AGGREGATE, paidInPersonThenCanceled, created(paidInPersonThenCanceled, serviceId, "c-2", MONDAY_9, CONFIRMED, PaymentStatus.NOT_PAID));
        publishAt(t0.plusSeconds(2), BOOKING_AGGREGATE, declined, created(declined, serviceId, "c-3", MONDAY_9, PENDING, PaymentStatus.NOT_PAID));
        publishAt(t0.plusSeconds(3), BOOKING_AGGREGATE, paymentFailed, created(paymentFailed, serviceId, "c-4", MONDAY_9, PENDING_CHECKOUT, PaymentStatus.PENDING));

        // when the owner and the payment provider act on them
        publishAt(t0.plusSeconds(10), BOOKING_AGGREGATE, approvedOnline,
                new BookingConfirmedEvent(approvedOnline, "welcome", PENDING_CHECKOUT, PaymentStatus.PENDING));
        publishAt(t0.plusSeconds(11), BOOKING_AGGREGATE, paidInPersonThenCanceled,
                new BookingMarkedPaidEvent(paidInPersonThenCanceled, CONFIRMED, PaymentStatus.PAID));
        publishAt(t0.plusSeconds(12), BOOKING_AGGREGATE, declined,
                new BookingDeclinedEvent(declined, "fully booked by members", DECLINED, PaymentStatus.NOT_PAID));
        publishAt(t0.plusSeconds(13), BOOKING_AGGREGATE, paymentFailed,
                new PaymentFailedEvent(paymentFailed, "card declined", CANCELED, PaymentStatus.NOT_PAID));
        publishAt(t0.plusSeconds(20), BOOKING_AGGREGATE, approvedOnline,
                new PaymentApprovedEvent(approvedOnline, "tx-981", CONFIRMED, PaymentStatus.PAID));
        publishAt(t0.plusSeconds(21), BOOKING_AGGREGATE, paidInPersonThenCanceled,
                new BookingCanceledEvent(paidInPersonThenCanceled, CancelRequester.OWNER, "studio closed", CANCELED,
                        PaymentStatus.REFUNDED));
        awaitProjections();

        // then each booking stands where its last event put it, with revision = number of its events
        assertState(approvedOnline, CONFIRMED, PaymentStatus.PAID, 3, t0, t0.plusSeconds(20));
        assertState(paidInPersonThenCanceled, CANCELED, PaymentStatus.REFUNDED, 3, t0.plusSeconds(1), t0.plusSeconds(21));
        assertState(declined, DECLINED, PaymentStatus.NOT_PAID, 2, t0.plusSeconds(2), t0.plusSeconds(12));
        assertState(paymentFailed, CANCELED, PaymentStatus.NOT_PAID, 2, t0.plusSeconds(3), t0.plusSeconds(13));
        // and what was booked does not change with the status
        BookingView view = find(approvedOnline).orElseThrow();
        assertThat(view.contact().contactId()).isEqualTo("c-1");
        assertThat(view.start()).isEqualTo(MONDAY_9);
        assertThat(view.participants()).isEqualTo(1);
        assertThat(view.formInfo()).containsEntry("experience", "some");
    }

    @Test
    void theListFiltersByStatusServiceContactAndStartWindow() {
        // given bookings of two services, several contacts and starts over three days
        String yoga = id("yoga");
        String spin = id("spin");
        String ada = id("ada");
        String bob = id("bob");
        Instant day1 = MONDAY_9;
        Instant day2 = MONDAY_9.plus(Duration.ofDays(1));
        Instant day3 = MONDAY_9.plus(Duration.ofDays(2));
        String y1 = book(yoga, ada, day1, CONFIRMED);
        String y2 = book(yoga, bob, day2, PENDING);
        String y3 = book(yoga, ada, day3, CONFIRMED);
        String y4 = book(yoga, bob, day3, CANCELED);
        String s1 = book(spin, ada, day2, CONFIRMED);
        awaitProjections();

        // then
        assertThat(ids(list(null, yoga, null, null, null, 0, 20, null))).containsExactly(y1, y2, sorted(y3, y4)[0], sorted(y3, y4)[1]);
        assertThat(ids(list(CONFIRMED, yoga, null, null, null, 0, 20, null))).containsExactly(y1, y3);
        assertThat(ids(list(PENDING, yoga, null, null, null, 0, 20, null))).containsExactly(y2);
        assertThat(ids(list(null, null, ada, null, null, 0, 20, null))).containsExactly(y1, s1, y3);
        assertThat(ids(list(CONFIRMED, null, ada, null, null, 0, 20, "start,desc"))).containsExactly(y3, s1, y1);
        assertThat(ids(list(null, spin, null, null, null, 0, 20, null))).containsExactly(s1);
        assertThat(ids(list(null, yoga, bob, null, null, 0, 20, null))).containsExactly(y2, y4);
        // from is inclusive, to exclusive, both on the start
        assertThat(ids(list(null, yoga, null, day2, day3, 0, 20, null))).containsExactly(y2);
        assertThat(ids(list(null, yoga, null, day2, null, 0, 20, null))).containsExactlyInAnyOrder(y2, y3, y4);
        assertThat(ids(list(null, yoga, null, null, day2, 0, 20, null))).containsExactly(y1);
        assertThat(ids(list(null, yoga, null, day2.plusSeconds(1), day3, 0, 20, null))).isEmpty();
        assertThat(ids(list(null, null, ada, day2, day3.plusSeconds(1), 0, 20, null))).containsExactly(s1, y3);
        // a filter that matches nothing is an empty page, not an error
        BookingPage none = list(DECLINED, yoga, null, null, null, 0, 20, null);
        assertThat(none.items()).isEmpty();
        assertThat(none.total()).isZero();
    }

    @Test
    void theListPagesWithTotalsAndSortsByStartOrCreation() {
        // given five bookings of one service, created in an order that differs from their starts
        String serviceId = id("boxing");
        String contact = id("contact");
        Instant createdBase = Instant.parse("2031-01-10T12:00:00Z");
        String[] ids = new String[5];
        int[] startDayOf = {3, 1, 4, 0, 2};  // booking i starts on day startDayOf[i], is created i-th
        for (int i = 0; i < 5; i++) {
            ids[i] = id("b" + i);
            publishAt(createdBase.plus(Duration.ofMinutes(i)), BOOKING_AGGREGATE, ids[i],
                    created(ids[i], serviceId, contact, MONDAY_9.plus(Duration.ofDays(startDayOf[i])), CONFIRMED,
                            PaymentStatus.PAID));
        }
        // a later change moves updatedAt, never createdAt
        publishAt(createdBase.plus(Duration.ofHours(1)), BOOKING_AGGREGATE, ids[0],
                new BookingCanceledEvent(ids[0], CancelRequester.CUSTOMER, null, CANCELED, PaymentStatus.REFUNDED));
        awaitProjections();
        List<String> byStart = List.of(ids[3], ids[1], ids[4], ids[0], ids[2]);

        // then pages of 2 cover the 5 bookings in start order, each page knowing the total
        BookingPage page0 = list(null, serviceId, null, null, null, 0, 2, null);
        BookingPage page1 = list(null, serviceId, null, null, null, 1, 2, null);
        BookingPage page2 = list(null, serviceId, null, null, null, 2, 2, null);
        BookingPage page3 = list(null, serviceId, null, null, null, 3, 2, null);
        assertThat(List.of(page0.total(), page1.total(), page2.total(), page3.total())).containsOnly(5L);
        assertThat(List.of(page0.page(), page1.page(), page2.page())).containsExactly(0, 1, 2);
        assertThat(page0.size()).isEqualTo(2);
        assertThat(ids(page0)).containsExactly(byStart.get(0), byStart.get(1));
        assertThat(ids(page1)).containsExactly(byStart.get(2), byStart.get(3));
        assertThat(ids(page2)).containsExactly(byStart.get(4));
        assertThat(page3.items()).isEmpty();
        assertThat(ids(list(null, serviceId, null, null, null, 0, 20, "start"))).isEqualTo(byStart);
        assertThat(ids(list(null, serviceId, null, null, null, 0, 20, "start,asc"))).isEqualTo(byStart);
        assertThat(ids(list(null, serviceId, null, null, null, 0, 20, "start,desc")))
                .isEqualTo(reversed(byStart));
        assertThat(ids(list(null, serviceId, null, null, null, 1, 3, "start,desc")))
                .containsExactly(byStart.get(1), byStart.get(0));
        // sorted by creation: the order the bookings were made in
        assertThat(ids(list(null, serviceId, null, null, null, 0, 20, "createdAt"))).containsExactly(ids);
        assertThat(ids(list(null, serviceId, null, null, null, 0, 20, "createdAt,desc")))
                .isEqualTo(reversed(List.of(ids)));
        // the filter applies before paging: the total counts matches only
        BookingPage confirmed = list(CONFIRMED, serviceId, null, null, null, 0, 2, "createdAt");
        assertThat(confirmed.total()).isEqualTo(4);
        assertThat(ids(confirmed)).containsExactly(ids[1], ids[2]);
    }

    @Test
    void promotionRescheduleAndParticipantChangesMoveWhatWasBooked() {
        // given a waitlisted booking
        String serviceId = id("barre");
        String bookingId = id("waitlisted");
        BookingCreatedEvent waiting = created(bookingId, serviceId, "c-9", MONDAY_9, PENDING, PaymentStatus.NOT_PAID);
        waiting = new BookingCreatedEvent(waiting.bookingId(), waiting.serviceId(), waiting.serviceName(),
                waiting.serviceType(), waiting.sessionId(), waiting.start(), waiting.end(), 1, waiting.contact(),
                waiting.formInfo(), waiting.payment(), PENDING, PaymentStatus.NOT_PAID, true, waiting.terms());
        publish(BOOKING_AGGREGATE, bookingId, waiting);
        awaitProjections();
        assertThat(find(bookingId).orElseThrow().waitlisted()).isTrue();

        // when it is promoted, moved to a later session and grows to 3 participants
        Instant later = MONDAY_9.plus(Duration.ofDays(7));
        publish(BOOKING_AGGREGATE, bookingId, new BookingPromotedEvent(bookingId, waiting.sessionId(), CONFIRMED,
                PaymentStatus.NOT_PAID));
        publish(BOOKING_AGGREGATE, bookingId, new BookingRescheduledEvent(bookingId, waiting.sessionId(), "s-later",
                later, later.plus(Duration.ofHours(1)), CONFIRMED, PaymentStatus.NOT_PAID));
        publish(BOOKING_AGGREGATE, bookingId, new BookingParticipantsChangedEvent(bookingId, 1, 3,
                Money.of("75", "EUR"), Money.of("75", "EUR"), CONFIRMED, PaymentStatus.NOT_PAID));
        awaitProjections();

        // then the view follows every change
        BookingView view = find(bookingId).orElseThrow();
        assertThat(view.waitlisted()).isFalse();
        assertThat(view.status()).isEqualTo(CONFIRMED);
        assertThat(view.sessionId()).isEqualTo("s-later");
        assertThat(view.start()).isEqualTo(later);
        assertThat(view.end()).isEqualTo(later.plus(Duration.ofHours(1)));
        assertThat(view.participants()).isEqualTo(3);
        assertThat(view.payment().finalPrice()).isEqualTo(Money.of("75", "EUR"));
        assertThat(view.payment().option()).isEqualTo(PaymentOption.IN_PERSON);
        assertThat(view.revision()).isEqualTo(4);
    }

    // ---------------------------------------------------------------- helpers

    private String book(String serviceId, String contactId, Instant start, BookingStatus finalStatus) {
        String bookingId = id("booking");
        publish(BOOKING_AGGREGATE, bookingId, created(bookingId, serviceId, contactId, start,
                finalStatus == PENDING ? PENDING : CONFIRMED, PaymentStatus.NOT_PAID));
        if (finalStatus == CANCELED) {
            publish(BOOKING_AGGREGATE, bookingId,
                    new BookingCanceledEvent(bookingId, CancelRequester.CUSTOMER, "sick", CANCELED, PaymentStatus.NOT_PAID));
        }
        return bookingId;
    }

    @Test
    void eventsStoredTogetherAreAppliedInOrderAndALaterChangeRewritesOnlyWhatChanged() {
        // given a booking created, given a second participant and confirmed in one commit (one batch, one transaction)
        String serviceId = id("spin");
        String bookingId = id("together");
        publishTogether(List.of(
                event(BOOKING_AGGREGATE, bookingId, created(bookingId, serviceId, "c-9", MONDAY_9, PENDING,
                        PaymentStatus.NOT_PAID)),
                event(BOOKING_AGGREGATE, bookingId, new BookingParticipantsChangedEvent(bookingId, 1, 2,
                        Money.of("40", "EUR"), Money.of("36", "EUR"), PENDING, PaymentStatus.NOT_PAID)),
                event(BOOKING_AGGREGATE, bookingId, new BookingConfirmedEvent(bookingId, "ok", CONFIRMED,
                        PaymentStatus.NOT_PAID))));
        awaitProjections(BookingProjection.PROCESSING_GROUP);
        // then the row holds all three
        BookingView together = find(bookingId).orElseThrow();
        assertThat(together.status()).isEqualTo(CONFIRMED);
        assertThat(together.participants()).isEqualTo(2);
        assertThat(together.payment().finalPrice()).isEqualTo(Money.of("36", "EUR"));
        assertThat(together.revision()).isEqualTo(3);

        // when a later commit changes the participants of the stored row again
        publish(BOOKING_AGGREGATE, bookingId, new BookingParticipantsChangedEvent(bookingId, 2, 3,
                Money.of("60", "EUR"), Money.of("54", "EUR"), CONFIRMED, PaymentStatus.NOT_PAID));
        awaitProjections(BookingProjection.PROCESSING_GROUP);
        // then the new prices are stored (a replaced JSON value is written), and the rest is as before
        BookingView later = find(bookingId).orElseThrow();
        assertThat(later.participants()).isEqualTo(3);
        assertThat(later.payment().price()).isEqualTo(Money.of("60", "EUR"));
        assertThat(later.payment().finalPrice()).isEqualTo(Money.of("54", "EUR"));
        assertThat(later.payment().option()).isEqualTo(PaymentOption.IN_PERSON);
        assertThat(later.contact()).isEqualTo(together.contact());
        assertThat(later.formInfo()).isEqualTo(Map.of("experience", "some"));
        assertThat(later.revision()).isEqualTo(4);
    }

    private static BookingCreatedEvent created(String bookingId, String serviceId, String contactId, Instant start,
                                               BookingStatus status, PaymentStatus paymentStatus) {
        return new BookingCreatedEvent(bookingId, serviceId, "Service " + serviceId, ServiceType.CLASS, id("session"),
                start, start.plus(Duration.ofHours(1)), 1,
                new ContactDetails(contactId, "First", "Last", contactId + "@example.com", null, null),
                Map.of("experience", "some"),
                new PaymentDetails(PaymentOption.IN_PERSON, null, null, null, Money.of("20", "EUR"), Money.of("20", "EUR")),
                status, paymentStatus, false, terms());
    }

    private static BookingTerms terms() {
        return new BookingTerms("Europe/Paris", Money.of("25", "EUR"), false, policy(60, 90));
    }

    private void assertState(String bookingId, BookingStatus status, PaymentStatus paymentStatus, long revision,
                             Instant createdAt, Instant updatedAt) {
        BookingView view = find(bookingId).orElseThrow();
        assertThat(view.status()).as("status of %s", bookingId).isEqualTo(status);
        assertThat(view.paymentStatus()).as("payment status of %s", bookingId).isEqualTo(paymentStatus);
        assertThat(view.revision()).as("revision of %s", bookingId).isEqualTo(revision);
        assertThat(view.createdAt()).as("createdAt of %s", bookingId).isEqualTo(createdAt);
        assertThat(view.updatedAt()).as("updatedAt of %s", bookingId).isEqualTo(updatedAt);
    }

    private Optional<BookingView> find(String bookingId) {
        return queryGateway.query(new FindBookingQuery(bookingId), ResponseTypes.optionalInstanceOf(BookingView.class))
                .join();
    }

    private BookingPage list(BookingStatus status, String serviceId, String contactId, Instant from, Instant to,
                             int page, int size, String sort) {
        return queryGateway.query(new ListBookingsQuery(status, serviceId, contactId, from, to, page, size, sort),
                ResponseTypes.instanceOf(BookingPage.class)).join();
    }

    private static List<String> ids(BookingPage page) {
        return page.items().stream().map(BookingView::bookingId).toList();
    }

    private static List<String> reversed(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        Collections.reverse(copy);
        return copy;
    }

    private static String[] sorted(String a, String b) {
        return a.compareTo(b) <= 0 ? new String[]{a, b} : new String[]{b, a};
    }
}

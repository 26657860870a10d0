package com.bookingengine.query.availability;

import com.bookingengine.api.availability.Availability;
import com.bookingengine.api.availability.AvailabilityQuery;
import com.bookingengine.api.availability.PolicyViolations;
import com.bookingengine.api.availability.Slot;
import com.bookingengine.api.booking.SeatsReleasedEvent;
import com.bookingengine.api.booking.SeatsReservedEvent;
import com.bookingengine.api.booking.WaitlistJoinedEvent;
import com.bookingengine.api.booking.WaitlistLeftEvent;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.query.ProjectionTestSupport;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Open spots per class session, kept from the session aggregates' seat events. */
class AvailabilityProjectionTest extends ProjectionTestSupport {

    private static final Instant NOW = Instant.parse("2031-06-01T08:00:00Z");
    private static final Instant FROM = NOW;
    private static final Instant TO = NOW.plus(Duration.ofDays(30));

    @Autowired
    private SeatCounters counters;
    @Autowired
    private TransactionManager transactionManager;

    @Test
    void reservedAndReleasedSeatsMoveTheOpenSpots() {
        // given a session of 10 seats
        String serviceId = id("yoga");
        String sessionId = id("session");
        publishService(classService(serviceId, "Yoga", policy(0, 365), 10));
        publishSession(session(sessionId, serviceId, NOW.plus(Duration.ofDays(3)), 10));
        awaitProjections();
        assertThat(onlySlot(serviceId, 1).openSpots()).isEqualTo(10);

        // when two bookings take 3 and 2 seats
        publish(SESSION_AGGREGATE, sessionId, new SeatsReservedEvent(sessionId, serviceId, "b-1", 3));
        publish(SESSION_AGGREGATE, sessionId, new SeatsReservedEvent(sessionId, serviceId, "b-2", 2));
        awaitProjections();
        // then
        Slot afterReservations = onlySlot(serviceId, 1);
        assertThat(afterReservations.openSpots()).isEqualTo(5);
        assertThat(afterReservations.totalSpots()).isEqualTo(10);
        assertThat(afterReservations.bookable()).isTrue();

        // when the first booking gives its seats back
        publish(SESSION_AGGREGATE, sessionId, new SeatsReleasedEvent(sessionId, serviceId, "b-1", 3));
        awaitProjections();
        // then
        Slot afterRelease = onlySlot(serviceId, 1);
        assertThat(afterRelease.openSpots()).isEqualTo(8);
        assertThat(afterRelease.totalSpots()).isEqualTo(10);
        assertThat(afterRelease).isEqualTo(new Slot(NOW.plus(Duration.ofDays(3)),
                NOW.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)), sessionId, 8, 10, true, 0,
                new PolicyViolations(false, false)));
    }

    @Test
    void waitlistJoinsAndLeavesMoveTheWaitlistOpenSpots() {
        // given a full session of 2 seats whose service keeps a waitlist of 3 bookings
        String serviceId = id("boxing");
        String sessionId = id("session");
        publishService(classService(serviceId, "Boxing", new BookingPolicy(0, 365, 60, 4, 3, 0, 15), 2));
        publishSession(session(sessionId, serviceId, NOW.plus(Duration.ofDays(2)), 2));
        publish(SESSION_AGGREGATE, sessionId, new SeatsReservedEvent(sessionId, serviceId, "b-1", 2));
        awaitProjections();
        assertThat(onlySlot(serviceId, 1).waitlistOpenSpots()).isEqualTo(3);

        // when two bookings join the waitlist
        publish(SESSION_AGGREGATE, sessionId, new WaitlistJoinedEvent(sessionId, serviceId, "w-1", 1));
        publish(SESSION_AGGREGATE, sessionId, new WaitlistJoinedEvent(sessionId, serviceId, "w-2", 1));
        awaitProjections();
        assertThat(onlySlot(serviceId, 1).waitlistOpenSpots()).isEqualTo(1);

        // when the seat holder leaves and the first waitlisted booking is promoted into its seat
        publish(SESSION_AGGREGATE, sessionId, new SeatsReleasedEvent(sessionId, serviceId, "b-1", 2));
        publish(SESSION_AGGREGATE, sessionId, new WaitlistLeftEvent(sessionId, serviceId, "w-1", 1, true));
        publish(SESSION_AGGREGATE, sessionId, new SeatsReservedEvent(sessionId, serviceId, "w-1", 1));
        awaitProjections();

        // then one seat and two waitlist spots are open
        Slot slot = onlySlot(serviceId, 1);
        assertThat(slot.openSpots()).isEqualTo(1);
        assertThat(slot.waitlistOpenSpots()).isEqualTo(2);
    }

    @Test
    void aFullSessionStaysListedButIsNotBookable() {
        // given two sessions of 2 seats, one of them fully reserved
        String serviceId = id("spin");
        String full = id("full");
        String open = id("open");
        publishService(classService(serviceId, "Spin", policy(0, 365), 2));
        publishSession(session(full, serviceId, NOW.plus(Duration.ofDays(1)), 2));
        publishSession(session(open, serviceId, NOW.plus(Duration.ofDays(2)), 2));
        publish(SESSION_AGGREGATE, full, new SeatsReservedEvent(full, serviceId, "b-1", 1));
        publish(SESSION_AGGREGATE, full, new SeatsReservedEvent(full, serviceId, "b-2", 1));
        awaitProjections();

        // when
        Availability availability = availability(serviceId, FROM, TO, 1, NOW).orElseThrow();

        // then
        assertThat(availability.slots()).extracting(Slot::sessionId).containsExactly(full, open);
        Slot fullSlot = availability.slots().get(0);
        assertThat(fullSlot.openSpots()).isZero();
        assertThat(fullSlot.totalSpots()).isEqualTo(2);
        assertThat(fullSlot.bookable()).isFalse();
        assertThat(fullSlot.policyViolations()).isEqualTo(new PolicyViolations(false, false));
        assertThat(availability.slots().get(1).bookable()).isTrue();
    }

    @Test
    void moreParticipantsThanOpenSpotsIsNotBookable() {
        // given a session of 5 seats, 2 taken: 3 open
        String serviceId = id("climbing");
        String sessionId = id("session");
        publishService(classService(serviceId, "Climbing", policy(0, 365), 5));
        publishSession(session(sessionId, serviceId, NOW.plus(Duration.ofDays(5)), 5));
        publish(SESSION_AGGREGATE, sessionId, new SeatsReservedEvent(sessionId, serviceId, "b-1", 2));
        awaitProjections();

        // then a group of 3 fits, a group of 4 does not
        assertThat(onlySlot(serviceId, 3).bookable()).isTrue();
        Slot tooMany = onlySlot(serviceId, 4);
        assertThat(tooMany.bookable()).isFalse();
        assertThat(tooMany.openSpots()).isEqualTo(3);
        assertThat(tooMany.policyViolations()).isEqualTo(new PolicyViolations(false, false));
    }

    @Test
    void aGroupLargerThanThePolicyAllowsIsNotBookable() {
        // given plenty of seats but a policy of at most 4 participants per booking
        String serviceId = id("rowing");
        publishService(classService(serviceId, "Rowing", policy(0, 365), 20));
        publishSession(session(id("session"), serviceId, NOW.plus(Duration.ofDays(5)), 20));
        awaitProjections();

        assertThat(onlySlot(serviceId, 4).bookable()).isTrue();
        assertThat(onlySlot(serviceId, 5).bookable()).isFalse();
    }

    @Test
    void withinTheMinimumNoticeItIsTooLateToBook() {
        // given bookings close 90 minutes before the start
        String serviceId = id("swim");
        String sessionId = id("session");
        Instant start = NOW.plus(Duration.ofDays(1));
        publishService(classService(serviceId, "Swim", policy(90, 365), 10));
        publishSession(session(sessionId, serviceId, start, 10));
        awaitProjections();

        // then 91 minutes before is fine
        Slot early = slotAt(serviceId, start.minus(Duration.ofMinutes(91)));
        assertThat(early.policyViolations()).isEqualTo(new PolicyViolations(false, false));
        assertThat(early.bookable()).isTrue();
        // and from 90 minutes before (the command side refuses from that instant too) it is too late
        for (Instant now : new Instant[]{start.minus(Duration.ofMinutes(90)), start.minus(Duration.ofMinutes(30)),
                start.minusSeconds(1)}) {
            Slot late = slotAt(serviceId, now);
            assertThat(late.policyViolations()).as("at %s", now).isEqualTo(new PolicyViolations(false, true));
            assertThat(late.bookable()).as("at %s", now).isFalse();
            assertThat(late.openSpots()).as("seats are still open at %s", now).isEqualTo(10);
        }
    }

    @Test
    void beyondTheMaximumAdvanceItIsTooEarlyToBook() {
        // given bookings open 14 days before the start
        String serviceId = id("tennis");
        String soon = id("soon");
        String edge = id("edge");
        String far = id("far");
        publishService(classService(serviceId, "Tennis", policy(0, 14), 4));
        publishSession(session(soon, serviceId, NOW.plus(Duration.ofDays(13)), 4));
        publishSession(session(edge, serviceId, NOW.plus(Duration.ofDays(14)), 4));
        publishSession(session(far, serviceId, NOW.plus(Duration.ofDays(14)).plusSeconds(60), 4));
        awaitProjections();

        // when
        Availability availability = availability(serviceId, FROM, TO, 1, NOW).orElseThrow();

        // then
        assertThat(availability.slots()).extracting(Slot::sessionId).containsExactly(soon, edge, far);
        assertThat(availability.slots()).extracting(Slot::policyViolations).containsExactly(
                new PolicyViolations(false, false), new PolicyViolations(false, false),
                new PolicyViolations(true, false));
        assertThat(availability.slots()).extracting(Slot::bookable).containsExactly(true, true, false);
    }

    @Test
    void anUnknownServiceHasNoAvailability() {
        assertThat(availability(id("no-such-service"), FROM, TO, 1, NOW)).isEmpty();
    }

    @Test
    void aServiceWithoutSessionsInTheWindowHasNoSlots() {
        String serviceId = id("quiet");
        publishService(classService(serviceId, "Quiet", policy(0, 365), 4));
        publishSession(session(id("later"), serviceId, TO.plus(Duration.ofDays(1)), 4));
        awaitProjections();

        assertThat(availability(serviceId, FROM, TO, 1, NOW).orElseThrow().slots()).isEmpty();
    }

    @Test
    void slotsAreOrderedByStartAndBoundedByFromInclusiveToExclusive() {
        // given sessions around the window, scheduled out of order, and another service's session inside it
        String serviceId = id("dance");
        String other = id("other");
        String beforeFrom = id("before");
        String atFrom = id("at-from");
        String middle = id("middle");
        String justBeforeTo = id("before-to");
        String atTo = id("at-to");
        publishService(classService(serviceId, "Dance", policy(0, 365), 8));
        publishService(classService(other, "Other", policy(0, 365), 8));
        publishSession(session(middle, serviceId, FROM.plus(Duration.ofDays(10)), 8));
        publishSession(session(atTo, serviceId, TO, 8));
        publishSession(session(justBeforeTo, serviceId, TO.minusSeconds(1), 8));
        publishSession(session(atFrom, serviceId, FROM, 8));
        publishSession(session(beforeFrom, serviceId, FROM.minusSeconds(1), 8));
        publishSession(session(id("other-session"), other, FROM.plus(Duration.ofDays(1)), 8));
        awaitProjections();

        // when
        Availability availability = availability(serviceId, FROM, TO, 1, FROM.minus(Duration.ofDays(1))).orElseThrow();

        // then
        assertThat(availability.slots()).extracting(Slot::sessionId).containsExactly(atFrom, middle, justBeforeTo);
        assertThat(availability.slots()).extracting(Slot::start)
                .containsExactly(FROM, FROM.plus(Duration.ofDays(10)), TO.minusSeconds(1));
        assertThat(availability.slots()).extracting(Slot::end)
                .containsExactly(FROM.plus(Duration.ofHours(1)), FROM.plus(Duration.ofDays(10)).plus(Duration.ofHours(1)),
                        TO.minusSeconds(1).plus(Duration.ofHours(1)));
    }

    @Test
    void seatEventsStoredWithTheirSessionInOneCommitAllCount() {
        // given a service and a session of 10 seats, then seats and a waitlist place taken, all in one commit (one
        // batch, one transaction: each counter update must see the session row inserted before it)
        String serviceId = id("spin");
        String sessionId = id("session");
        publishTogether(List.of(
                event(SERVICE_AGGREGATE, serviceId, classService(serviceId, "Spin", new BookingPolicy(0, 365, 60, 4, 3,
                        0, 15), 10)),
                event(SESSION_AGGREGATE, sessionId, session(sessionId, serviceId, NOW.plus(Duration.ofDays(4)), 10)),
                event(SESSION_AGGREGATE, sessionId, new SeatsReservedEvent(sessionId, serviceId, "b-1", 4)),
                event(SESSION_AGGREGATE, sessionId, new SeatsReservedEvent(sessionId, serviceId, "b-2", 3)),
                event(SESSION_AGGREGATE, sessionId, new SeatsReleasedEvent(sessionId, serviceId, "b-1", 4)),
                event(SESSION_AGGREGATE, sessionId, new WaitlistJoinedEvent(sessionId, serviceId, "w-1", 1))));
        awaitProjections();
        // then
        Slot slot = onlySlot(serviceId, 1);
        assertThat(slot.openSpots()).isEqualTo(7);
        assertThat(slot.totalSpots()).isEqualTo(10);
        assertThat(slot.waitlistOpenSpots()).isEqualTo(2);
    }

    @Test
    void seatEventsOfSeveralSessionsInOneBatchAllCountEachOnItsOwnSession() {
        // given two sessions of 10 seats, already projected
        String serviceId = id("pilates");
        String first = id("first");
        String second = id("second");
        publishService(classService(serviceId, "Pilates", new BookingPolicy(0, 365, 60, 4, 3, 0, 15), 10));
        publishSession(session(first, serviceId, NOW.plus(Duration.ofDays(1)), 10));
        publishSession(session(second, serviceId, NOW.plus(Duration.ofDays(2)), 10));
        awaitProjections();

        // when seat and waitlist events of both arrive interleaved in one commit (one batch: the counters are summed
        // per session and written as the batch commits)
        publishTogether(List.of(
                event(SESSION_AGGREGATE, first, new SeatsReservedEvent(first, serviceId, "b-1", 2)),
                event(SESSION_AGGREGATE, second, new SeatsReservedEvent(second, serviceId, "b-2", 4)),
                event(SESSION_AGGREGATE, first, new SeatsReservedEvent(first, serviceId, "b-3", 3)),
                event(SESSION_AGGREGATE, second, new SeatsReleasedEvent(second, serviceId, "b-2", 4)),
                event(SESSION_AGGREGATE, second, new SeatsReservedEvent(second, serviceId, "b-4", 1)),
                event(SESSION_AGGREGATE, first, new WaitlistJoinedEvent(first, serviceId, "w-1", 1)),
                event(SESSION_AGGREGATE, first, new WaitlistJoinedEvent(first, serviceId, "w-2", 1)),
                event(SESSION_AGGREGATE, first, new WaitlistLeftEvent(first, serviceId, "w-1", 1, false))));
        awaitProjections();

        // then
        List<Slot> slots = availability(serviceId, FROM, TO, 1, NOW).orElseThrow().slots();
        assertThat(slots).extracting(Slot::sessionId).containsExactly(first, second);
        assertThat(slots).extracting(Slot::openSpots).containsExactly(5, 9);
        assertThat(slots).extracting(Slot::waitlistOpenSpots).containsExactly(2, 3);

        // and a later batch adds to what the first one wrote
        publish(SESSION_AGGREGATE, second, new SeatsReservedEvent(second, serviceId, "b-5", 2));
        awaitProjections();
        assertThat(availability(serviceId, FROM, TO, 1, NOW).orElseThrow().slots()).extracting(Slot::openSpots)
                .containsExactly(5, 7);
    }

    @Test
    void seatCountsOfAUnitOfWorkThatRollsBackAreNotWrittenAndThoseOfOneThatCommitsAre() {
        // given a projected session of 10 seats
        String serviceId = id("barre");
        String sessionId = id("session");
        publishService(classService(serviceId, "Barre", policy(0, 365), 10));
        publishSession(session(sessionId, serviceId, NOW.plus(Duration.ofDays(3)), 10));
        awaitProjections();

        // when a unit of work (a processor's batch) counts 4 and 2 seats and then rolls back
        countSeatsInUnitOfWork(sessionId, DefaultUnitOfWork::rollback);
        // then nothing was written
        assertThat(onlySlot(serviceId, 1).openSpots()).isEqualTo(10);

        // when its retry counts them again and commits
        countSeatsInUnitOfWork(sessionId, DefaultUnitOfWork::commit);
        // then they count once
        assertThat(onlySlot(serviceId, 1).openSpots()).isEqualTo(4);
    }

    private void countSeatsInUnitOfWork(String sessionId, Consumer<DefaultUnitOfWork<?>> end) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        unitOfWork.attachTransaction(transactionManager);
        counters.add(sessionId, 4, 0);
        counters.add(sessionId, 2, 0);
        end.accept(unitOfWork);
    }

    private Slot onlySlot(String serviceId, int participants) {
        Availability availability = availability(serviceId, FROM, TO, participants, NOW).orElseThrow();
        assertThat(availability.slots()).hasSize(1);
        return availability.slots().get(0);
    }

    private Slot slotAt(String serviceId, Instant now) {
        Availability availability = availability(serviceId, FROM, TO, 1, now).orElseThrow();
        assertThat(availability.slots()).hasSize(1);
        return availability.slots().get(0);
    }

    private Optional<Availability> availability(String serviceId, Instant from, Instant to, int participants,
                                                Instant now) {
        return queryGateway.query(new AvailabilityQuery(serviceId, from, to, participants, now),
                ResponseTypes.optionalInstanceOf(Availability.class)).join();
    }
}

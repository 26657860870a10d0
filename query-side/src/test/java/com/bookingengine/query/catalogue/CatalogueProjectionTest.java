package com.bookingengine.query.catalogue;

import com.bookingengine.api.availability.Availability;
import com.bookingengine.api.availability.AvailabilityQuery;
import com.bookingengine.api.availability.Slot;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.FindServiceQuery;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.ListServicesQuery;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceCreatedEvent;
import com.bookingengine.api.catalogue.ServiceList;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.ServiceUpdatedEvent;
import com.bookingengine.api.catalogue.ServiceView;
import com.bookingengine.api.catalogue.SessionView;
import com.bookingengine.api.common.Money;
import com.bookingengine.query.ProjectionTestSupport;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue read model: services with their class sessions. */
class CatalogueProjectionTest extends ProjectionTestSupport {

    private static final Instant START = Instant.parse("2031-05-05T17:30:00Z");

    @Test
    void aServiceWithSessionsIsListedAndShownWithItsSessionsInStartOrder() {
        // given a class service whose sessions were scheduled out of start order
        String serviceId = id("salsa");
        ServiceCreatedEvent created = new ServiceCreatedEvent(serviceId, "Salsa " + serviceId, ServiceType.CLASS,
                "America/New_York", "Main hall", Money.of("12.5", "USD"),
                Set.of(PaymentOption.ONLINE, PaymentOption.MEMBERSHIP), true,
                List.of(new FormField("partner", false)), policy(120, 60), 16, null);
        String third = id("s3");
        String first = id("s1");
        String second = id("s2");

        // when
        publishService(created);
        publishSession(session(third, serviceId, START.plus(Duration.ofDays(14)), 16));
        publishSession(session(first, serviceId, START, 12));
        publishSession(session(second, serviceId, START.plus(Duration.ofDays(7)), 20));
        awaitProjections();

        // then the detail shows the service as created, with its sessions ordered by start
        List<SessionView> sessions = List.of(
                new SessionView(first, START, START.plus(Duration.ofHours(1)), 12),
                new SessionView(second, START.plus(Duration.ofDays(7)), START.plus(Duration.ofDays(7)).plus(Duration.ofHours(1)), 20),
                new SessionView(third, START.plus(Duration.ofDays(14)), START.plus(Duration.ofDays(14)).plus(Duration.ofHours(1)), 16));
        ServiceView expected = new ServiceView(serviceId, created.name(), ServiceType.CLASS, "America/New_York",
                "Main hall", Money.of("12.50", "USD"), Set.of(PaymentOption.ONLINE, PaymentOption.MEMBERSHIP), true,
                List.of(new FormField("partner", false)), policy(120, 60), 16, sessions, null, null, null);
        ServiceView detail = find(serviceId).orElseThrow();
        assertThat(detail).isEqualTo(expected);
        assertThat(detail.sessions()).extracting(SessionView::sessionId).containsExactly(first, second, third);

        // and the list holds the same view
        assertThat(list().items()).filteredOn(s -> s.serviceId().equals(serviceId)).containsExactly(expected);
    }

    @Test
    void theListIsOrderedByNameAndEachServiceKeepsOnlyItsOwnSessions() {
        // given two services, created in reverse name order, each with a session
        String zumba = id("zumba");
        String aerobics = id("aerobics");
        String zumbaSession = id("zs");
        String aerobicsSession = id("as");
        publishService(classService(zumba, "zzz Zumba " + zumba, policy(0, 30), 10));
        publishService(classService(aerobics, "aaa Aerobics " + aerobics, policy(0, 30), 10));
        publishSession(session(zumbaSession, zumba, START, 10));
        publishSession(session(aerobicsSession, aerobics, START.minus(Duration.ofDays(1)), 10));
        // and a service without any session yet
        String noSessions = id("empty");
        publishService(classService(noSessions, "mmm Meditation " + noSessions, policy(0, 30), 5));
        awaitProjections();

        // then
        List<ServiceView> items = list().items();
        assertThat(items).isSortedAccordingTo(Comparator.comparing(ServiceView::name));
        assertThat(items).extracting(ServiceView::serviceId).containsSubsequence(aerobics, noSessions, zumba);
        assertThat(sessionIds(items, zumba)).containsExactly(zumbaSession);
        assertThat(sessionIds(items, aerobics)).containsExactly(aerobicsSession);
        assertThat(sessionIds(items, noSessions)).isEmpty();
        assertThat(find(noSessions).orElseThrow().sessions()).isEmpty();
    }

    @Test
    void anUpdateChangesTheServicesTermsButNotItsSessionsAndTheAvailabilityFollowsTheNewPolicy() {
        // given a class with a session of 16 seats, bookable by up to 4 participants
        String serviceId = id("pilates");
        String sessionId = id("s1");
        ServiceCreatedEvent created = classService(serviceId, "Pilates", policy(0, 365), 16);
        publishService(created);
        publishSession(session(sessionId, serviceId, START, 16));
        awaitProjections();
        assertThat(slot(serviceId, 3).bookable()).isTrue();

        // when its terms are replaced: new name, price, options, fields, policy (at most 2 per booking), capacity 8
        BookingPolicy strict = new BookingPolicy(30, 400, 120, 2, 0, 0, 10);
        publish(SERVICE_AGGREGATE, serviceId, new ServiceUpdatedEvent(serviceId, "Reformer pilates", "Studio 3",
                Money.of("30", "EUR"), Set.of(PaymentOption.IN_PERSON), true, List.of(), strict, 8, null));
        awaitProjections();

        // then the catalogue shows the new terms, with type, time zone and the session as they were
        ServiceView updated = find(serviceId).orElseThrow();
        assertThat(updated).isEqualTo(new ServiceView(serviceId, "Reformer pilates", ServiceType.CLASS,
                created.timeZone(), "Studio 3", Money.of("30.00", "EUR"), Set.of(PaymentOption.IN_PERSON), true,
                List.of(), strict, 8, List.of(new SessionView(sessionId, START, START.plus(Duration.ofHours(1)), 16)), null, null, null));
        // and availability judges the unchanged session by the new policy
        Slot forThree = slot(serviceId, 3);
        assertThat(forThree.totalSpots()).isEqualTo(16);
        assertThat(forThree.bookable()).isFalse();
        assertThat(slot(serviceId, 2).bookable()).isTrue();
    }

    @Test
    void anUnknownServiceIsNotFound() {
        assertThat(find(id("no-such-service"))).isEmpty();
    }

    private static List<String> sessionIds(List<ServiceView> items, String serviceId) {
        return items.stream().filter(s -> s.serviceId().equals(serviceId)).findFirst().orElseThrow()
                .sessions().stream().map(SessionView::sessionId).toList();
    }

    private Optional<ServiceView> find(String serviceId) {
        return queryGateway.query(new FindServiceQuery(serviceId), ResponseTypes.optionalInstanceOf(ServiceView.class))
                .join();
    }

    private Slot slot(String serviceId, int participants) {
        Instant now = START.minus(Duration.ofDays(2));
        Availability availability = queryGateway.query(new AvailabilityQuery(serviceId, now, START.plus(Duration.ofDays(1)),
                participants, now), ResponseTypes.optionalInstanceOf(Availability.class)).join().orElseThrow();
        assertThat(availability.slots()).hasSize(1);
        return availability.slots().get(0);
    }

    private ServiceList list() {
        return queryGateway.query(new ListServicesQuery(), ResponseTypes.instanceOf(ServiceList.class)).join();
    }
}

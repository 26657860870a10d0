package com.bookingengine.standalone;

import com.bookingengine.api.payment.CreditsConsumedEvent;
import com.bookingengine.api.payment.CreditsRefundedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Coupon uses and plan credits under load: many clients book with the same coupon or plan at the same moment,
 * through two engine nodes that share one event store (each with its own Axon configuration and locks). The coupon
 * and the plan are aggregates, so their last use or credit goes to exactly one booking; every other is refused and
 * takes no seat.
 */
class PaymentRaceTest {

    private static final String DB = "jdbc:h2:mem:pay-race-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
    private static final int CLIENTS = 40;
    /** Read models on the two nodes' shared tables follow within well under a second. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static Api a;
    private static Api b;

    @BeforeAll
    static void startTwoNodes() {
        nodeA = Nodes.start(Map.of("spring.datasource.url", DB, "booking.node-id", "pay-node-a"));
        nodeB = Nodes.start(Map.of("spring.datasource.url", DB, "booking.node-id", "pay-node-b"));
        a = Nodes.api(nodeA);
        b = Nodes.api(nodeB);
    }

    @AfterAll
    static void stop() {
        nodeB.close();
        nodeA.close();
    }

    @Test
    void aCouponOfFiveUsesGoesToExactlyFiveOfManyParallelBookings() throws Exception {
        // given a roomy class and a coupon good for 5 bookings
        Api.ClassFixture session = a.createClass(100, Map.of());
        String code = "RACE-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(a.post(Api.OWNER, "/coupons", Map.of("code", code, "percentOff", 50, "maxUses", 5)).status())
                .isEqualTo(201);

        // when 40 clients book with it at once, over both nodes
        List<Api.Response> answers = race(() -> {
            Map<String, Object> body = Api.booking(session, "IN_PERSON");
            body.put("payment", Map.of("option", "IN_PERSON", "couponCode", code));
            return body;
        });

        // then exactly 5 get the discount; the others are told the coupon is used up and book nothing
        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(5)
                .allSatisfy(r -> assertThat(r.body().path("finalPrice").path("amount").asText()).isEqualTo("10.00"));
        assertThat(answers.stream().filter(r -> r.status() != 201)).hasSize(CLIENTS - 5).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.text("reason")).as(r.toString()).isEqualTo("couponUsedUp");
        });
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(Checks.listed(a, session.serviceId())).isEqualTo(5);
            assertThat(Checks.openSpots(b, session)).isEqualTo(95);
        });
    }

    @Test
    void aPlanOfSixCreditsPaysForExactlySixOfManyParallelBookingsAndNeverGoesBelowZero() throws Exception {
        // given a roomy class taking memberships and a member's plan of 6 credits
        Api.ClassFixture session = a.createClass(100, Map.of("paymentOptions", List.of("IN_PERSON", "MEMBERSHIP")));
        String member = "racer-" + UUID.randomUUID();
        Api.Response granted = a.post(Api.OWNER, "/members/" + member + "/plans", Map.of("name", "Six classes",
                "credits", 6, "serviceIds", List.of(session.serviceId())));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        String planId = granted.text("planId");

        // when 40 one-person bookings pay with it at once, over both nodes
        List<Api.Response> answers = race(() -> {
            Map<String, Object> body = Api.booking(session, "MEMBERSHIP");
            body.put("contact", Map.of("contactId", member, "firstName", "Ada", "lastName", "Lovelace",
                    "email", "ada@example.com"));
            body.put("payment", Map.of("option", "MEMBERSHIP", "planId", planId));
            return body;
        });

        // then exactly 6 are paid with credits; the others are 409 "credits" and take no seat
        assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(6)
                .allSatisfy(r -> assertThat(r.text("paymentStatus")).isEqualTo("PAID"));
        assertThat(answers.stream().filter(r -> r.status() != 201)).hasSize(CLIENTS - 6).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.text("reason")).as(r.toString()).isEqualTo("credits");
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(Checks.openSpots(a, session)).isEqualTo(94));

        // and the plan's history consumed exactly 6 credits, one at a time, never going below zero
        List<Object> history = nodeB.getBean(EventStore.class).readEvents("plan/" + planId).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
        assertThat(history).noneMatch(CreditsRefundedEvent.class::isInstance);
        List<CreditsConsumedEvent> consumed = history.stream().filter(CreditsConsumedEvent.class::isInstance)
                .map(CreditsConsumedEvent.class::cast).toList();
        assertThat(consumed).hasSize(6).allSatisfy(c -> assertThat(c.credits()).isEqualTo(1));
        assertThat(consumed).extracting(CreditsConsumedEvent::remainingCredits).containsExactly(5, 4, 3, 2, 1, 0);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(b.get(Api.OWNER, "/checkout-options?serviceId="
                + session.serviceId() + "&contactId=" + member).body().path("options").findValues("remainingCredits"))
                .singleElement().satisfies(left -> assertThat(left.asInt()).isZero()));
    }

    /** Sends {@value #CLIENTS} bookings built by {@code body} at the same moment, alternating nodes. */
    private static List<Api.Response> race(Supplier<Map<String, Object>> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> pending = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Api node = i % 2 == 0 ? a : b;
            Map<String, Object> booking = body.get();
            booking.put("bookingId", UUID.randomUUID().toString());
            pending.add(pool.submit(() -> {
                go.await();
                return node.post(Api.BOOKER, "/bookings", booking);
            }));
        }
        go.countDown();
        List<Api.Response> answers = new ArrayList<>();
        for (Future<Api.Response> answer : pending) {
            answers.add(answer.get());
        }
        pool.shutdown();
        return answers;
    }
}

package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.bookingengine.standalone.Checks.badField;
import static com.bookingengine.standalone.Checks.conflict;
import static com.bookingengine.standalone.Checks.listed;
import static com.bookingengine.standalone.Checks.ok;
import static com.bookingengine.standalone.Checks.openSpots;
import static com.bookingengine.standalone.Checks.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coupons, membership plans and checkout options over HTTP (SPEC §3 payments, §4): the owner defines coupons and
 * grants plans, bookings spend them with their seats and give them back when they end, and every refusal is a
 * problem naming the field (and for coupons the reason) that changes nothing.
 */
class PaymentsApiTest extends EngineTest {

    private static final List<String> EVERY_OPTION = List.of("IN_PERSON", "ONLINE", "MEMBERSHIP");

    private static String code() {
        return "C-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String contact() {
        return "member-" + UUID.randomUUID();
    }

    private static Map<String, Object> percentOff(String code, int percent, Integer maxUses) {
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "percentOff", percent));
        if (maxUses != null) {
            body.put("maxUses", maxUses);
        }
        return body;
    }

    private static Map<String, Object> withCoupon(Api.ClassFixture session, String option, String code) {
        Map<String, Object> body = Api.booking(session, option);
        body.put("payment", Map.of("option", option, "couponCode", code));
        return body;
    }

    private static Map<String, Object> withPlan(Api.ClassFixture session, String contactId, String planId,
                                                int participants) {
        Map<String, Object> body = Api.booking(session, "MEMBERSHIP");
        body.put("participants", participants);
        body.put("contact", Map.of("contactId", contactId, "firstName", "Ada", "lastName", "Lovelace",
                "email", "ada@example.com"));
        body.put("payment", planId == null ? Map.of("option", "MEMBERSHIP")
                : Map.of("option", "MEMBERSHIP", "planId", planId));
        return body;
    }

    private static String grant(String contactId, String name, int credits, String... serviceIds) {
        Api.Response granted = ok(api.post(Api.OWNER, "/members/" + contactId + "/plans",
                Map.of("name", name, "credits", credits, "serviceIds", List.of(serviceIds))), 201);
        return granted.text("planId");
    }

    private static JsonNode checkoutOptions(String key, String serviceId, String contactId) {
        return ok(api.get(key, "/checkout-options?serviceId=" + serviceId + "&contactId=" + contactId), 200)
                .body().path("options");
    }

    private static int remainingCredits(String serviceId, String contactId, String planId) {
        for (JsonNode option : checkoutOptions(Api.OWNER, serviceId, contactId)) {
            if (planId.equals(option.path("planId").asText())) {
                return option.path("remainingCredits").asInt();
            }
        }
        throw new AssertionError("no option for plan " + planId);
    }

    // ---------------------------------------------------------------- coupons

    @Test
    void theOwnerDefinesACouponAndABookingPaysTheDiscountedPrice() {
        // given a class at 20.00 EUR and a coupon of 15 % off
        Api.ClassFixture session = api.createClass(5, Map.of());
        String code = code();
        Api.Response defined = ok(api.post(Api.OWNER, "/coupons", Map.of("code", code, "percentOff", 15,
                "validUntil", Instant.now().plus(30, ChronoUnit.DAYS).toString(), "maxUses", 10)), 201);
        assertThat(defined.text("code")).isEqualTo(code);

        // when two participants book with it
        Map<String, Object> body = withCoupon(session, "IN_PERSON", code);
        body.put("participants", 2);
        Api.Response booked = ok(api.post(Api.BOOKER, "/bookings", body), 201);

        // then they pay 40.00 - 6.00, and the booking shows the coupon and both prices
        assertThat(booked.body().path("finalPrice").path("amount").asText()).isEqualTo("34.00");
        JsonNode payment = ok(api.get(Api.OWNER, "/bookings/" + booked.text("bookingId")), 200).body().path("payment");
        assertThat(payment.path("couponCode").asText()).isEqualTo(code);
        assertThat(payment.path("price").path("amount").asText()).isEqualTo("40.00");
        assertThat(payment.path("finalPrice").path("amount").asText()).isEqualTo("34.00");
        assertThat(payment.path("discount").path("percentOff").asInt()).isEqualTo(15);
    }

    @Test
    void aFixedAmountOffCanMakeAnOnlineBookingFreeAndConfirmedAtOnce() {
        Api.ClassFixture session = api.createClass(5, Map.of());
        String code = code();
        ok(api.post(Api.OWNER, "/coupons", Map.of("code", code, "amountOff", Map.of("amount", "50.00",
                "currency", "EUR"))), 201);

        Api.Response booked = ok(api.post(Api.BOOKER, "/bookings", withCoupon(session, "ONLINE", code)), 201);

        assertThat(booked.text("status")).isEqualTo("CONFIRMED");
        assertThat(booked.text("paymentStatus")).isEqualTo("EXEMPT");
        assertThat(booked.body().path("finalPrice").path("amount").asText()).isEqualTo("0.00");
    }

    @Test
    void badCouponDefinitionsAreNamedAndASecondCouponWithTheSameCodeIsAConflict() {
        String code = code();
        badField(api.post(Api.OWNER, "/coupons", Map.of("code", code)), "percentOff");
        badField(api.post(Api.OWNER, "/coupons", Map.of("code", code, "percentOff", 10,
                "amountOff", Map.of("amount", "5", "currency", "EUR"))), "amountOff");
        badField(api.post(Api.OWNER, "/coupons", percentOff(code, 0, null)), "percentOff");
        badField(api.post(Api.OWNER, "/coupons", percentOff(code, 101, null)), "percentOff");
        badField(api.post(Api.OWNER, "/coupons", Map.of("code", code, "amountOff",
                Map.of("amount", "-5", "currency", "EUR"))), "amountOff");
        badField(api.post(Api.OWNER, "/coupons", Map.of("code", code, "amountOff",
                Map.of("amount", "0", "currency", "EUR"))), "amountOff");
        badField(api.post(Api.OWNER, "/coupons", percentOff(code, 10, 0)), "maxUses");
        badField(api.post(Api.OWNER, "/coupons", Map.of("percentOff", 10)), "code");
        badField(api.post(Api.OWNER, "/coupons", percentOff("no spaces please", 10, null)), "code");
        badField(api.post(Api.OWNER, "/coupons", Map.of("code", code, "percentOff", 10,
                "validUntil", Instant.now().minusSeconds(60).toString())), "validUntil");
        badField(api.post(Api.OWNER, "/coupons", Map.of("code", code, "percentOff", 10,
                "validUntil", "next tuesday")), "validUntil");

        ok(api.post(Api.OWNER, "/coupons", percentOff(code, 10, null)), 201);
        conflict(api.post(Api.OWNER, "/coupons", percentOff(code, 20, null)), "duplicate");
    }

    @Test
    void onlyTheOwnerDefinesCoupons() {
        problem(api.post(Api.BOOKER, "/coupons", percentOff(code(), 10, null)), 403);
        problem(api.post(Api.PAYMENTS, "/coupons", percentOff(code(), 10, null)), 403);
        problem(api.post(null, "/coupons", percentOff(code(), 10, null)), 401);
    }

    @Test
    void unknownUsedUpExpiredAndForeignCurrencyCouponsAreRefusedWithTheReasonAndBookNothing() throws Exception {
        // given a class, a coupon of one use that is taken, one about to expire and one in dollars
        Api.ClassFixture session = api.createClass(5, Map.of());
        String once = code();
        ok(api.post(Api.OWNER, "/coupons", percentOff(once, 10, 1)), 201);
        ok(api.post(Api.BOOKER, "/bookings", withCoupon(session, "IN_PERSON", once)), 201);
        String soon = code();
        Instant validUntil = Instant.now().plusMillis(1500);
        ok(api.post(Api.OWNER, "/coupons", Map.of("code", soon, "percentOff", 10, "validUntil",
                validUntil.toString())), 201);
        String dollars = code();
        ok(api.post(Api.OWNER, "/coupons", Map.of("code", dollars, "amountOff", Map.of("amount", "5",
                "currency", "USD"))), 201);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), validUntil).toMillis() + 200));

        // when bookings name them, then 400 naming payment.couponCode with the reason, and no seat is taken
        Map<String, String> reasons = Map.of("NO-SUCH-CODE", "unknownCoupon", once, "couponUsedUp",
                soon, "expiredCoupon", dollars, "couponCurrency");
        reasons.forEach((code, reason) -> {
            Api.Response refused = badField(api.post(Api.BOOKER, "/bookings", withCoupon(session, "IN_PERSON", code)),
                    "payment.couponCode");
            assertThat(refused.text("reason")).as(code).isEqualTo(reason);
        });
        assertThat(listed(api, session.serviceId())).isEqualTo(1);
        assertThat(openSpots(api, session)).isEqualTo(4);
    }

    @Test
    void aCanceledBookingGivesItsUseBackForTheNextOne() {
        Api.ClassFixture session = api.createClass(5, Map.of());
        String code = code();
        ok(api.post(Api.OWNER, "/coupons", percentOff(code, 10, 1)), 201);
        String first = ok(api.post(Api.BOOKER, "/bookings", withCoupon(session, "IN_PERSON", code)), 201)
                .text("bookingId");
        badField(api.post(Api.BOOKER, "/bookings", withCoupon(session, "IN_PERSON", code)), "payment.couponCode");

        ok(api.post(Api.BOOKER, "/bookings/" + first + "/cancel", Map.of()), 200);

        Api.Response second = ok(api.post(Api.BOOKER, "/bookings", withCoupon(session, "IN_PERSON", code)), 201);
        assertThat(second.body().path("finalPrice").path("amount").asText()).isEqualTo("18.00");
    }

    // ---------------------------------------------------------------- memberships

    @Test
    void theOwnerGrantsAPlanAndMembershipBookingsPayWithItsCreditsUntilTheyRunOut() {
        // given a class taking memberships and a plan of 3 credits for it
        Api.ClassFixture session = api.createClass(10, Map.of("paymentOptions", EVERY_OPTION));
        String member = contact();
        Api.Response granted = ok(api.post(Api.OWNER, "/members/" + member + "/plans", Map.of("planId", "pass-"
                + UUID.randomUUID(), "name", "Three classes", "credits", 3, "serviceIds",
                List.of(session.serviceId()))), 201);
        String planId = granted.text("planId");
        assertThat(planId).startsWith("pass-");

        // when the member books two places with it
        Api.Response booked = ok(api.post(Api.BOOKER, "/bookings", withPlan(session, member, planId, 2)), 201);

        // then the booking is paid with credits and one is left
        assertThat(booked.text("status")).isEqualTo("CONFIRMED");
        assertThat(booked.text("paymentStatus")).isEqualTo("PAID");
        assertThat(remainingCredits(session.serviceId(), member, planId)).isEqualTo(1);

        // and two more places are refused for want of credits, taking no seat
        conflict(api.post(Api.BOOKER, "/bookings", withPlan(session, member, planId, 2)), "credits");
        assertThat(openSpots(api, session)).isEqualTo(8);

        // and a cancel gives the credits back
        Api.Response canceled = ok(api.post(Api.BOOKER, "/bookings/" + booked.text("bookingId") + "/cancel",
                Map.of()), 200);
        assertThat(canceled.text("paymentStatus")).isEqualTo("REFUNDED");
        assertThat(remainingCredits(session.serviceId(), member, planId)).isEqualTo(3);
    }

    @Test
    void aParticipantsChangePaysOrRefundsTheDifferenceOrChangesNothing() {
        Api.ClassFixture session = api.createClass(10, Map.of("paymentOptions", EVERY_OPTION));
        String member = contact();
        String planId = grant(member, "Four classes", 4, session.serviceId());
        String bookingId = ok(api.post(Api.BOOKER, "/bookings", withPlan(session, member, planId, 1)), 201)
                .text("bookingId");

        ok(api.post(Api.BOOKER, "/bookings/" + bookingId + "/participants", Map.of("participants", 3)), 200);
        assertThat(remainingCredits(session.serviceId(), member, planId)).isEqualTo(1);

        conflict(api.post(Api.BOOKER, "/bookings/" + bookingId + "/participants", Map.of("participants", 5)),
                "credits");
        assertThat(openSpots(api, session)).isEqualTo(7);
        assertThat(remainingCredits(session.serviceId(), member, planId)).isEqualTo(1);

        ok(api.post(Api.BOOKER, "/bookings/" + bookingId + "/participants", Map.of("participants", 2)), 200);
        assertThat(remainingCredits(session.serviceId(), member, planId)).isEqualTo(2);
    }

    @Test
    void aMembershipBookingNamesAPlanOfItsContactForItsService() {
        Api.ClassFixture session = api.createClass(5, Map.of("paymentOptions", EVERY_OPTION));
        Api.ClassFixture other = api.createClass(5, Map.of("paymentOptions", EVERY_OPTION));
        String member = contact();
        String planId = grant(member, "Ten classes", 10, session.serviceId());
        String otherServicePlan = grant(member, "Other", 10, other.serviceId());

        badField(api.post(Api.BOOKER, "/bookings", withPlan(session, member, null, 1)), "payment.planId");
        Api.Response unknown = badField(api.post(Api.BOOKER, "/bookings", withPlan(session, member, "no-such-plan",
                1)), "payment.planId");
        assertThat(unknown.text("reason")).isEqualTo("unknownPlan");
        badField(api.post(Api.BOOKER, "/bookings", withPlan(session, contact(), planId, 1)), "payment.planId");
        badField(api.post(Api.BOOKER, "/bookings", withPlan(session, member, otherServicePlan, 1)),
                "payment.planId");
        Map<String, Object> couponToo = withPlan(session, member, planId, 1);
        couponToo.put("payment", Map.of("option", "MEMBERSHIP", "planId", planId, "couponCode", "ANY"));
        badField(api.post(Api.BOOKER, "/bookings", couponToo), "payment.couponCode");

        assertThat(listed(api, session.serviceId())).isZero();
        assertThat(remainingCredits(session.serviceId(), member, planId)).isEqualTo(10);
    }

    @Test
    void badPlansAreNamedAndOnlyTheOwnerGrantsThem() {
        Api.ClassFixture session = api.createClass(5, Map.of("paymentOptions", EVERY_OPTION));
        String member = contact();
        String path = "/members/" + member + "/plans";
        List<String> services = List.of(session.serviceId());
        badField(api.post(Api.OWNER, path, Map.of("credits", 5, "serviceIds", services)), "name");
        badField(api.post(Api.OWNER, path, Map.of("name", "Pass", "credits", 0, "serviceIds", services)), "credits");
        badField(api.post(Api.OWNER, path, Map.of("name", "Pass", "serviceIds", services)), "credits");
        badField(api.post(Api.OWNER, path, Map.of("name", "Pass", "credits", 5, "serviceIds", List.of())),
                "serviceIds");
        badField(api.post(Api.OWNER, path, Map.of("name", "Pass", "credits", 5, "serviceIds",
                List.of(session.serviceId(), "svc-" + UUID.randomUUID()))), "serviceIds[1]");
        badField(api.post(Api.OWNER, path, Map.of("planId", "no spaces", "name", "Pass", "credits", 5,
                "serviceIds", services)), "planId");

        String planId = "pass-" + UUID.randomUUID();
        Map<String, Object> plan = Map.of("planId", planId, "name", "Pass", "credits", 5, "serviceIds", services);
        problem(api.post(Api.BOOKER, path, plan), 403);
        ok(api.post(Api.OWNER, path, plan), 201);
        conflict(api.post(Api.OWNER, path, plan), "duplicate");
    }

    // ---------------------------------------------------------------- checkout options

    @Test
    void checkoutOptionsListTheServicesOptionsAndTheContactsPlansForIt() {
        Api.ClassFixture session = api.createClass(5, Map.of("paymentOptions", EVERY_OPTION));
        Api.ClassFixture inPersonOnly = api.createClass(5, Map.of("paymentOptions", List.of("IN_PERSON")));
        String member = contact();
        String planId = grant(member, "Ten classes", 10, session.serviceId(), inPersonOnly.serviceId());

        JsonNode options = checkoutOptions(Api.BOOKER, session.serviceId(), member);
        assertThat(options).hasSize(3);
        assertThat(options.get(0).path("option").asText()).isEqualTo("ONLINE");
        assertThat(options.get(0).has("planId")).isFalse();
        assertThat(options.get(1).path("option").asText()).isEqualTo("IN_PERSON");
        assertThat(options.get(2).path("option").asText()).isEqualTo("MEMBERSHIP");
        assertThat(options.get(2).path("planId").asText()).isEqualTo(planId);
        assertThat(options.get(2).path("name").asText()).isEqualTo("Ten classes");
        assertThat(options.get(2).path("remainingCredits").asInt()).isEqualTo(10);

        // a service that takes no memberships lists none, and another contact sees no plan
        assertThat(checkoutOptions(Api.OWNER, inPersonOnly.serviceId(), member)).hasSize(1);
        assertThat(checkoutOptions(Api.OWNER, session.serviceId(), contact())).hasSize(2);
    }

    @Test
    void checkoutOptionsNeedAServiceAndAContactAndABookerOrOwner() {
        Api.ClassFixture session = api.createClass(5, Map.of());
        problem(api.get(Api.BOOKER, "/checkout-options?serviceId=svc-" + UUID.randomUUID() + "&contactId=c-1"), 404);
        badField(api.get(Api.BOOKER, "/checkout-options?contactId=c-1"), "serviceId");
        badField(api.get(Api.BOOKER, "/checkout-options?serviceId=" + session.serviceId()), "contactId");
        badField(api.get(Api.BOOKER, "/checkout-options?serviceId=" + session.serviceId() + "&contactId="),
                "contactId");
        problem(api.get(Api.AUDITOR, "/checkout-options?serviceId=" + session.serviceId() + "&contactId=c-1"), 403);
        problem(api.get(null, "/checkout-options?serviceId=" + session.serviceId() + "&contactId=c-1"), 401);
    }
}

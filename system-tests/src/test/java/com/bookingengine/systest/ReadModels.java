package com.bookingengine.systest;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads of a query node's read models over HTTP. */
final class ReadModels {

    private ReadModels() {
    }

    /** Every booking, paging {@code GET /bookings?size=200&page=k} in a stable order; by id. Nothing may change meanwhile. */
    static Map<String, JsonNode> allBookings(Http query) {
        return allBookings(query, false);
    }

    /**
     * Every booking, paging by creation time. With {@code live}, bookings may be added while paging (a load runs):
     * the total may grow and a booking may show on two pages, but none listed before the first page is missed,
     * since new ones only push later pages further.
     */
    static Map<String, JsonNode> allBookings(Http query, boolean live) {
        Map<String, JsonNode> byId = new TreeMap<>();
        long total = -1;
        for (int page = 0; ; page++) {
            Http.Response response = query.get(Cluster.OWNER, "/bookings?size=200&sort=createdAt,asc&page=" + page);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode items = response.body().path("items");
            long pageTotal = response.body().path("total").asLong();
            assertThat(live || total == -1 || total == pageTotal).as("total changed while paging: %s then %s", total,
                    pageTotal).isTrue();
            total = pageTotal;
            items.forEach(item -> byId.put(item.path("bookingId").asText(), item));
            if (items.size() < 200) {
                break;
            }
        }
        if (!live) {
            assertThat(byId).as("bookings listed once each across pages").hasSize((int) total);
        }
        return byId;
    }

    /** The bookings of one service (at most 200), by id. */
    static Map<String, JsonNode> bookingsOf(Http query, String serviceId) {
        Http.Response response = query.get(Cluster.OWNER, "/bookings?serviceId=" + serviceId + "&size=200");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body().path("total").asInt()).as("fits one page").isLessThanOrEqualTo(200);
        Map<String, JsonNode> byId = new TreeMap<>();
        response.body().path("items").forEach(item -> byId.put(item.path("bookingId").asText(), item));
        return byId;
    }

    static JsonNode availability(Http query, String serviceId, Instant from, Instant to) {
        Http.Response response = query.get(Cluster.OWNER, "/availability?serviceId=" + serviceId + "&from=" + from
                + "&to=" + to);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    /** The open spots of the availability slot of {@code sessionId}. */
    static int openSpots(JsonNode availability, String sessionId) {
        for (JsonNode slot : availability.path("slots")) {
            if (sessionId.equals(slot.path("sessionId").asText())) {
                return slot.path("openSpots").asInt();
            }
        }
        throw new AssertionError("no slot for session " + sessionId + " in " + availability);
    }

    /** Everything the four projections serve, as one comparable value. */
    record Snapshot(Map<String, JsonNode> bookings, JsonNode services, Map<String, JsonNode> availability,
                    Map<String, JsonNode> checkoutOptions) {
    }

    /**
     * Bookings (all pages), the catalogue, each service's availability over [{@code from}, {@code to}) and its
     * checkout options for the test contact: one call per service, fixed windows, so two snapshots compare.
     */
    static Snapshot snapshot(Http query, Instant from, Instant to) {
        Http.Response services = query.get(Cluster.OWNER, "/services");
        assertThat(services.status()).as(services.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        services.body().findValues("serviceId").forEach(id -> {
            if (!ids.contains(id.asText())) {
                ids.add(id.asText());
            }
        });
        Map<String, JsonNode> availability = new TreeMap<>();
        Map<String, JsonNode> checkout = new TreeMap<>();
        for (String id : ids) {
            availability.put(id, availability(query, id, from, to));
            Http.Response options = query.get(Cluster.OWNER, "/checkout-options?serviceId=" + id + "&contactId="
                    + Fixtures.CONTACT.get("contactId"));
            assertThat(options.status()).as(options.toString()).isEqualTo(200);
            checkout.put(id, options.body());
        }
        return new Snapshot(allBookings(query), services.body(), availability, checkout);
    }

    static Instant windowStart() {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
    }
}

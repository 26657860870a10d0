package com.bookingengine.systest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady booking load: client threads POST bookings with fresh ids, round-robin over the command nodes, mostly into
 * roomy class sessions and every fourth into one tight session where they compete. When the tight session answers
 * "capacity", the client cancels one of its bookings there (as the owner), so seats keep changing hands for as long
 * as the load runs. Every answer is recorded: a 2xx is acknowledged, a 409 a refusal, a failed connection or timeout
 * unknown (the client cannot tell), anything else unexpected.
 */
final class BookingLoad {

    record Target(String serviceId, String sessionId) {
    }

    private final List<Http> commandNodes;
    private final List<Target> roomy;
    private final Target tight;
    private final int threads;
    private final long pauseMillis;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong requests = new AtomicLong();
    private final List<Thread> clients = new ArrayList<>();

    /** Bookings answered 201, with where they were booked. */
    final Map<String, Target> acknowledged = new ConcurrentHashMap<>();
    /** Bookings answered 409 (capacity or concurrency): nothing was written. */
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** Bookings and cancels whose answer never came (connection refused or reset, timeout). */
    final Set<String> unknown = ConcurrentHashMap.newKeySet();
    /** Acknowledged cancels (200). */
    final Set<String> canceled = ConcurrentHashMap.newKeySet();
    /** Any other answer (5xx, 4xx other than 409): a bug in the engine or the test. */
    final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

    private final Queue<String> tightHolders = new ConcurrentLinkedQueue<>();

    BookingLoad(List<Http> commandNodes, List<Target> roomy, Target tight, int threads, long pauseMillis) {
        this.commandNodes = List.copyOf(commandNodes);
        this.roomy = List.copyOf(roomy);
        this.tight = tight;
        this.threads = threads;
        this.pauseMillis = pauseMillis;
    }

    BookingLoad start() {
        running.set(true);
        for (int t = 0; t < threads; t++) {
            Thread client = new Thread(this::run, "load-client-" + t);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
        return this;
    }

    /** Stops the clients and waits for their last answers. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread client : clients) {
            client.join(60_000);
        }
    }

    private void run() {
        while (running.get()) {
            long n = requests.getAndIncrement();
            Http node = commandNodes.get((int) (n % commandNodes.size()));
            boolean toTight = tight != null && n % 4 == 3;
            Target target = toTight ? tight : roomy.get(ThreadLocalRandom.current().nextInt(roomy.size()));
            Map<String, Object> body = Fixtures.sessionBooking(target.serviceId(), target.sessionId(), "IN_PERSON");
            String bookingId = (String) body.get("bookingId");
            Http.Response response = node.post(Cluster.BOOKER, "/bookings", body);
            if (response.status() == 201) {
                acknowledged.put(bookingId, target);
                if (toTight) {
                    tightHolders.add(bookingId);
                }
            } else if (response.status() == 409 && response.isProblem()) {
                refused.add(bookingId);
                if (toTight && "capacity".equals(response.text("reason"))) {
                    cancelOneTightBooking(node);
                }
            } else if (response.status() == Http.UNKNOWN) {
                unknown.add(bookingId);
            } else {
                unexpected.add("create " + bookingId + ": " + response);
            }
            Node.sleep(pauseMillis);
        }
    }

    private void cancelOneTightBooking(Http node) {
        String holder = tightHolders.poll();
        if (holder == null) {
            return;
        }
        Http.Response response = node.post(Cluster.OWNER, "/bookings/" + holder + "/cancel",
                Map.of("reason", "load test churn"));
        if (response.status() == 200) {
            canceled.add(holder);
        } else if (response.status() == Http.UNKNOWN) {
            unknown.add("cancel " + holder);
        } else if (response.status() == 409 && "concurrency".equals(response.text("reason"))) {
            tightHolders.add(holder);
        } else {
            unexpected.add("cancel " + holder + ": " + response);
        }
    }

    long requests() {
        return requests.get();
    }

    String summary() {
        return String.format("%d requests: %d acknowledged, %d refused (409), %d unknown, %d canceled, %d unexpected",
                requests.get(), acknowledged.size(), refused.size(), unknown.size(), canceled.size(),
                unexpected.size());
    }
}

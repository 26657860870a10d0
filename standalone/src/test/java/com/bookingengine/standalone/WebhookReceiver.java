package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver for tests: a real HTTP server on a random loopback port that records every call and answers as
 * scripted (2xx, 500, an answer too late, a connection closed without an answer), and checks signatures on its own,
 * with {@link Mac}, not with the engine's signer.
 */
final class WebhookReceiver implements AutoCloseable {

    enum Answer { OK, FAIL_500, TOO_SLOW, CLOSE }

    /** One call as received, and how it was answered. */
    record Call(String webhookId, String timestamp, String signature, String body, JsonNode json, Answer answer,
                long receivedAtMillis) {
        boolean acknowledged() {
            return answer == Answer.OK;
        }

        long position() {
            return json.path("position").asLong();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private volatile Answer otherwise = Answer.OK;
    private final long slowMillis;

    WebhookReceiver(long slowMillis) throws IOException {
        this.slowMillis = slowMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Answers the next calls as given, in order, then as {@link #otherwise(Answer)} says. */
    synchronized WebhookReceiver script(Answer... answers) {
        script.addAll(Arrays.asList(answers));
        return this;
    }

    WebhookReceiver otherwise(Answer answer) {
        otherwise = answer;
        return this;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> acknowledged() {
        return calls.stream().filter(Call::acknowledged).toList();
    }

    private synchronized Answer next() {
        return script.isEmpty() ? otherwise : script.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer = next();
        var headers = exchange.getRequestHeaders();
        calls.add(new Call(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                headers.getFirst("webhook-signature"), body, JSON.readTree(body), answer, System.currentTimeMillis()));
        switch (answer) {
            case OK -> respond(exchange, 204);
            case FAIL_500 -> respond(exchange, 500);
            case TOO_SLOW -> {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200);
            }
            // an exception out of a handler makes the server drop the connection without answering
            case CLOSE -> throw new IllegalStateException("receiver closes the connection on purpose");
        }
    }

    private static void respond(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Standard Webhooks verification, written independently of the engine: HMAC-SHA256 with javax.crypto. */
    static boolean signatureValid(String secret, Call call) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String signed = call.webhookId() + "." + call.timestamp() + "." + call.body();
            String expected = "v1," + Base64.getEncoder()
                    .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            return Arrays.asList(call.signature().split(" ")).contains(expected);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

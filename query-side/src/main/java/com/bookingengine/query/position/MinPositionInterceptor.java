package com.bookingengine.query.position;

import com.bookingengine.platform.validation.QueryParameters;
import com.bookingengine.platform.web.ProblemWriter;
import com.bookingengine.query.availability.AvailabilityProjection;
import com.bookingengine.query.booking.BookingProjection;
import com.bookingengine.query.catalogue.CatalogueProjection;
import com.bookingengine.query.checkout.CheckoutOptionsProjection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code X-Min-Position: N} on a query: the answer waits until the read model the query reads has processed the
 * event at global position N (a command's {@code X-Event-Position}), for {@code booking.read-your-writes.patience}
 * (3 s) at most, then answers 503 problem+json with {@code Retry-After}. Where this node also answers commands
 * ({@link LocalWrites}, the standalone jar), every query also waits for the commands answered before it, with or
 * without the header, for as long at most, and then answers anyway (as the write-side wait it replaces did).
 * Queries reading the event store itself (history, events, audit) have nothing to wait for.
 */
@Component
public class MinPositionInterceptor implements HandlerInterceptor {

    public static final String HEADER = "X-Min-Position";

    /**
     * The projections each feature's queries read (the audit reads the event store only); a feature not named here
     * waits for every projection, the webhook outbox's among them. The calendar feed must not wait for the outbox,
     * whose writer takes a batch at most every {@code booking.webhooks.outbox-pace}.
     */
    private static final Map<String, List<String>> READ_MODELS = Map.of(
            "com.bookingengine.query.booking", List.of(BookingProjection.PROCESSING_GROUP),
            "com.bookingengine.query.availability", List.of(AvailabilityProjection.PROCESSING_GROUP),
            "com.bookingengine.query.catalogue", List.of(CatalogueProjection.PROCESSING_GROUP),
            "com.bookingengine.query.checkout", List.of(CheckoutOptionsProjection.PROCESSING_GROUP),
            "com.bookingengine.query.calendar",
            List.of(CatalogueProjection.PROCESSING_GROUP, BookingProjection.PROCESSING_GROUP),
            "com.bookingengine.query.audit", List.of());

    private final ReadModelPositions positions;
    private final ObjectProvider<LocalWrites> localWrites;
    private final Duration patience;

    public MinPositionInterceptor(ReadModelPositions positions, ObjectProvider<LocalWrites> localWrites,
                                  @Value("${booking.read-your-writes.patience:3s}") Duration patience) {
        this.positions = positions;
        this.localWrites = localWrites;
        this.patience = patience;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method)
                || !method.getBeanType().getPackageName().startsWith("com.bookingengine.query.")) {
            return true;
        }
        String header = request.getHeader(HEADER);
        Long asked = header == null ? null : parse(header);
        LocalWrites local = localWrites.getIfAvailable();
        if (asked == null && local == null) {
            return true;
        }
        List<String> readModels = READ_MODELS.getOrDefault(method.getBeanType().getPackageName(), positions.all());
        if (asked != null && !positions.await(readModels, List.of(asked), patience)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The read model has not reached position " + asked + " within " + patience.toMillis()
                            + " ms; retry shortly");
            problem.setProperty("readModels", readModels);
            ProblemWriter.write(request, response, problem);
            return false;
        }
        if (local != null && !readModels.isEmpty()) {
            awaitAnsweredWrites(local, readModels);
        }
        return true;
    }

    /**
     * Every command answered before this query: the store's head now (commands answered by any node sharing the
     * store), and exactly each event this node answered for (a gap-aware token may have passed one while it was
     * not yet committed). A projection that has stalled delays the answer, but never refuses it.
     */
    private void awaitAnsweredWrites(LocalWrites local, List<String> readModels) {
        List<Long> pending = List.copyOf(local.pending());
        if (positions.awaitReached(readModels, positions.head(), patience) && !pending.isEmpty()
                && positions.await(readModels, pending, patience)) {
            local.processed(positions.processedEverywhere(pending));
        }
    }

    private static long parse(String header) {
        return QueryParameters.position(HEADER, header, "an event position, as a command's X-Event-Position");
    }
}

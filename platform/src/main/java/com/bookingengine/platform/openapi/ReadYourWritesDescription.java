package com.bookingengine.platform.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The read-your-writes headers (README "Read your writes"), by the side an operation's controller belongs to, the
 * same package rule the two sides apply: every answer of a command-side controller carries {@code X-Event-Position}
 * (the command side's {@code EventPositionAdvice}); every query-side operation takes {@code X-Min-Position} and may
 * answer 503 with {@code Retry-After} when its read model does not reach it in time (the query side's
 * {@code MinPositionInterceptor}).
 */
final class ReadYourWritesDescription implements OperationCustomizer {

    static final String EVENT_POSITION = "X-Event-Position";
    static final String MIN_POSITION = "X-Min-Position";
    private static final String COMMAND_SIDE = "com.bookingengine.command";
    private static final String QUERY_SIDE = "com.bookingengine.query";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        String side = handler.getBeanType().getPackageName();
        if (within(side, COMMAND_SIDE)) {
            eventPosition(operation);
        } else if (within(side, QUERY_SIDE)) {
            minPosition(operation);
        }
        return operation;
    }

    private static boolean within(String packageName, String side) {
        return packageName.equals(side) || packageName.startsWith(side + ".");
    }

    private static void eventPosition(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeaderObject(EVENT_POSITION, new Header().schema(position()).description("""
                        The global position in the event store of the last event this command stored (a command \
                        that stored nothing, such as a repeated create, answers the current head). Send it as \
                        `X-Min-Position` on a query to read this change."""));
            }
        });
    }

    private static void minPosition(Operation operation) {
        List<Parameter> parameters = operation.getParameters();
        if (parameters == null || parameters.stream().noneMatch(p -> MIN_POSITION.equalsIgnoreCase(p.getName()))) {
            operation.addParametersItem(new HeaderParameter().name(MIN_POSITION).required(false).schema(position())
                    .description("""
                            An `X-Event-Position` a command answered with: the answer waits until the read model \
                            this query reads has processed that event (at most `booking.read-your-writes.patience`, \
                            3 s), else 503. Queries that read the event store itself (history, events, audit) \
                            never wait. Not a non-negative whole number: 400 naming `X-Min-Position`."""));
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        ApiDescription.refusal(responses, "503", "The read model did not reach `X-Min-Position` in time: retry after "
                        + "`Retry-After` seconds",
                Map.of("status", 503, "title", "Service Unavailable",
                        "detail", "The read model has not reached position 57 within 3000 ms; retry shortly",
                        "readModels", List.of("bookings")));
        ApiResponse unavailable = responses.get("503");
        unavailable.addHeaderObject("Retry-After", new Header().schema(ApiDescription.typed("integer"))
                .description("Seconds to wait before asking again (1)"));
    }

    private static Schema<Object> position() {
        Schema<Object> schema = ApiDescription.typed("integer");
        return schema.format("int64").minimum(BigDecimal.ZERO);
    }
}

package com.bookingengine.platform.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * An operation whose handler returns an {@link SseEmitter} answers {@code text/event-stream} (Server-Sent Events),
 * not the JSON springdoc reads from the return type: its success is a stream of text, described as such.
 */
final class EventStreamDescription implements OperationCustomizer {

    static final String EVENT_STREAM = org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE;

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (!SseEmitter.class.isAssignableFrom(handler.getMethod().getReturnType()) || operation.getResponses() == null) {
            return operation;
        }
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.description("A stream of Server-Sent Events (`event:`, `id:`, `data:` lines, a blank line "
                        + "after each event; `:heartbeat` comment lines keep it open)");
                response.setContent(new Content().addMediaType(EVENT_STREAM, new MediaType().schema(
                        ApiDescription.typed("string").description("text/event-stream (WHATWG HTML, Server-sent events)"))));
            }
        });
        return operation;
    }
}

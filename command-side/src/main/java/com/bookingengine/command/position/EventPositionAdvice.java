package com.bookingengine.command.position;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.List;

/**
 * {@code X-Event-Position} on every successful command answer: the global position in the event store of the last
 * event the command stored (the index of the events table; on Axon Server its global token). A command that stored
 * nothing (a repeated request) answers the store's head position. A query sent with {@code X-Min-Position} set to
 * it waits until its read model has processed that event, on any query node.
 */
@ControllerAdvice(basePackages = "com.bookingengine.command")
class EventPositionAdvice implements ResponseBodyAdvice<Object> {

    public static final String HEADER = "X-Event-Position";

    private static final Logger log = LoggerFactory.getLogger(EventPositionAdvice.class);
    /** The JPA engine's table (embedded default) and the JDBC engine's (PostgreSQL) have the same names. */
    private static final String POSITION_OF = "select global_index from domain_event_entry "
            + "where aggregate_identifier = ? and sequence_number = ?";

    private final LastEvents lastEvents;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final ObjectProvider<CommandPositionListener> listeners;
    /** The listeners, looked up in the bean factory on the first answer rather than on every one. */
    private volatile List<CommandPositionListener> resolvedListeners;

    EventPositionAdvice(LastEvents lastEvents, EventStore eventStore, JdbcTemplate jdbc,
                        ObjectProvider<CommandPositionListener> listeners) {
        this.lastEvents = lastEvents;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.listeners = listeners;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        var last = lastEvents.take();
        if (body instanceof ProblemDetail) {
            return body;
        }
        long position = last.map(this::positionOf).orElseGet(this::head);
        if (position >= 0) {
            response.getHeaders().set(HEADER, Long.toString(position));
            for (CommandPositionListener listener : listeners()) {
                listener.answered(position);
            }
        }
        return body;
    }

    private List<CommandPositionListener> listeners() {
        List<CommandPositionListener> resolved = resolvedListeners;
        if (resolved == null) {
            resolved = listeners.orderedStream().toList();
            resolvedListeners = resolved;
        }
        return resolved;
    }

    /**
     * The event's global position: as the insert gave it back, else looked up, else (the events are not in this
     * database: Axon Server) the head.
     */
    private long positionOf(LastEvents.StoredEvent event) {
        if (event.position() != null) {
            return event.position();
        }
        try {
            List<Long> found = jdbc.queryForList(POSITION_OF, Long.class, event.aggregateId(), event.sequence());
            if (!found.isEmpty()) {
                return found.get(0);
            }
        } catch (DataAccessException e) {
            log.debug("No global position for {}; answering the head", event, e);
        }
        return head();
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }
}

package com.bookingengine.platform.security;

import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import com.bookingengine.platform.web.CorrelationIdFilter;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The authenticated caller of the current request. */
public final class Caller {

    private Caller() {
    }

    /** The API key's configured name: the actor recorded on the events this request causes. */
    public static String name() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "anonymous" : auth.getName();
    }

    public static boolean hasRole(Role role) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + role.name()));
    }

    /**
     * Wraps a command so that it, and every event it causes, records this caller as its actor and the request's
     * correlation id.
     */
    public static <C> CommandMessage<C> command(C payload) {
        return GenericCommandMessage.<C>asCommandMessage(payload)
                .andMetaData(MetaData.with(AxonMessagingConfiguration.ACTOR, name())
                        .and(AxonMessagingConfiguration.CORRELATION_ID, CorrelationIdFilter.current()));
    }
}

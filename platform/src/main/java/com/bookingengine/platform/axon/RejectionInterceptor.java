package com.bookingengine.platform.axon;

import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.platform.error.RejectedCommandException;
import com.bookingengine.platform.error.Rejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryExecutionException;

/**
 * Gives a handler's refusal the details that survive the trip to another node ({@link Rejection}). On one node it
 * changes nothing a caller sees; through Axon Server it keeps a capacity conflict a 409 instead of an anonymous
 * remote failure.
 */
public class RejectionInterceptor implements MessageHandlerInterceptor<Message<?>> {

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (RejectedCommandException e) {
            throw carrying(unitOfWork, e, Rejection.of(e));
        } catch (RuleViolation e) {
            throw carrying(unitOfWork, e, Rejection.of(e));
        }
    }

    private static RuntimeException carrying(UnitOfWork<? extends Message<?>> unitOfWork, RuntimeException e,
                                             Rejection rejection) {
        if (unitOfWork.getMessage() instanceof CommandMessage) {
            return new CommandExecutionException(e.getMessage(), e, rejection);
        }
        return new QueryExecutionException(e.getMessage(), e, rejection);
    }
}

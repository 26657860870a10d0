package com.bookingengine.platform.axon;

import org.axonframework.axonserver.connector.ErrorCode;
import org.axonframework.axonserver.connector.command.AxonServerRemoteCommandHandlingException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Retries a command only when it lost a race for an aggregate: two nodes appended the same sequence number
 * (the event store's unique key said no; also when both created the same new aggregate), or two local commands deadlocked on aggregate locks. The retry
 * reloads the aggregate and decides again on fresh state; a business rejection is never retried.
 * Retries run on the caller's thread after a short random pause, so a retried command keeps its context.
 */
public class ConcurrencyRetryScheduler implements RetryScheduler {

    private final int maxRetries;

    public ConcurrencyRetryScheduler(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (failures.size() > maxRetries || !isLostRace(lastFailure)) {
            return false;
        }
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000, 10_000_000L * failures.size()));
        commandDispatch.run();
        return true;
    }

    /** Whether {@code failure} (or a cause) says the command lost a race and may simply be decided again. */
    public static boolean isLostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException
                    || t instanceof DeadlockException || isRemoteLostRace(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Through Axon Server the command may have run on another node, whose append Axon Server refused because the
     * aggregate moved on meanwhile ({@code [AXONIQ-2000] Invalid sequence number}); it arrives here as a remote
     * handling exception with that code in its message, or with the concurrency error code.
     */
    private static boolean isRemoteLostRace(Throwable t) {
        if (!(t instanceof AxonServerRemoteCommandHandlingException remote)) {
            return false;
        }
        return ErrorCode.CONCURRENCY_EXCEPTION.errorCode().equals(remote.getErrorCode())
                || ErrorCode.INVALID_EVENT_SEQUENCE.errorCode().equals(remote.getErrorCode())
                || String.valueOf(remote.getMessage()).contains("[" + ErrorCode.INVALID_EVENT_SEQUENCE.errorCode() + "]");
    }
}

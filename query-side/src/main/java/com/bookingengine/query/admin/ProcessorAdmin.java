package com.bookingengine.query.admin;

import com.bookingengine.platform.error.ConflictException;
import com.bookingengine.platform.error.NotFoundException;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.deadletter.jpa.JpaDeadLetter;
import org.axonframework.eventhandling.tokenstore.jpa.TokenEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Operations on this node's event processors: status, replay (rebuild a projection from the event store while the
 * engine keeps serving) and the dead-letter queues of the processing groups that have one.
 * <p>
 * A processor's name is its processing group's name here (every projection is its own {@code @ProcessingGroup}).
 * Only this node's processor is stopped and reset: with several nodes, every other node's processor must release
 * its segments first (README, Operations).
 */
@Component
public class ProcessorAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProcessorAdmin.class);

    /** How long a replay waits for the processor to stop, and then to claim its segments again. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);
    private static final Duration CLAIM_PATIENCE = Duration.ofSeconds(30);
    /** How many parked events the dead-letter listing shows. */
    static final int LISTED_LETTERS = 20;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ObjectProvider<EntityManagerProvider> entityManagers;
    private final TransactionManager transactionManager;
    private final Serializer tokenSerializer;

    private final Set<String> replaysInProgress = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastReplayFailure = new ConcurrentHashMap<>();
    private final ExecutorService replays = Executors.newCachedThreadPool(daemonThreads());
    private volatile boolean closing;

    public ProcessorAdmin(EventProcessingConfiguration processing, EventStore eventStore,
                          ObjectProvider<EntityManagerProvider> entityManagers, TransactionManager transactionManager,
                          Serializer serializer) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.entityManagers = entityManagers;
        this.transactionManager = transactionManager;
        // Axon's JPA token store serializes tokens with the general (primary) serializer.
        this.tokenSerializer = serializer;
    }

    /** One processor as operators see it. Positions are global event-stream indexes; lag is how far behind. */
    public record ProcessorStatus(String name, boolean running, boolean replaying, boolean error, Long position,
                                  Long lag, boolean deadLetterQueue, long deadLetters, String replayFailure) {
    }

    public record DeadLetters(String processor, long sequences, long letters, List<ParkedEvent> first) {
    }

    /** One parked event: what it is, which aggregate sequence it blocks, and why it failed last time. */
    public record ParkedEvent(String sequence, String eventId, String type, String aggregateId, Long sequenceNumber,
                              Instant enqueuedAt, Instant lastTouched, String causeType, String causeMessage) {
    }

    public record RetryResult(String processor, int retried, int failed, long remaining) {
    }

    public List<ProcessorStatus> processors() {
        long head = headPosition();
        return processing.eventProcessors().values().stream()
                .sorted(Comparator.comparing(EventProcessor::getName))
                .map(p -> status(p, head))
                .toList();
    }

    public ProcessorStatus processor(String name) {
        return status(find(name), headPosition());
    }

    /**
     * Starts rebuilding {@code name}'s read model and returns at once: stops the processor, resets its tokens (which
     * runs the projection's {@code @ResetHandler}, clearing its tables, and empties its dead-letter queue), starts it
     * again. Until it has caught up, its read model is incomplete; every other processor keeps running.
     */
    public void replay(String name) {
        EventProcessor found = find(name);
        if (!(found instanceof StreamingEventProcessor processor)) {
            throw new ConflictException("not-replayable",
                    "Processor " + name + " does not read from the event store, so it cannot be replayed");
        }
        if (!processor.supportsReset()) {
            throw new ConflictException("not-replayable",
                    "Processor " + name + " has handlers that do not allow a reset");
        }
        boolean rereading = processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken).anyMatch(ProcessorAdmin::rereading);
        if (rereading || !replaysInProgress.add(name)) {
            throw new ConflictException("replaying", "Processor " + name + " is already replaying");
        }
        lastReplayFailure.remove(name);
        try {
            replays.execute(() -> rebuild(processor));
        } catch (RuntimeException e) {
            replaysInProgress.remove(name);
            throw e;
        }
    }

    private void rebuild(StreamingEventProcessor processor) {
        String name = processor.getName();
        try {
            log.info("Replay of processor [{}]: stopping it", name);
            processor.shutdownAsync().get(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            processor.resetTokens();
            log.info("Replay of processor [{}]: tokens reset, read model cleared", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(name, e);
        } catch (Exception e) {
            fail(name, e);
        } finally {
            try {
                if (!closing) {
                    processor.start();
                    awaitClaims(processor);
                }
            } catch (RuntimeException e) {
                fail(name, e);
            } finally {
                replaysInProgress.remove(name);
            }
        }
    }

    /** Until the processor reports its segments, {@link #status} would have nothing to say about the replay. */
    private void awaitClaims(StreamingEventProcessor processor) {
        long deadline = System.nanoTime() + CLAIM_PATIENCE.toNanos();
        while (!closing && processor.isRunning() && processor.processingStatus().isEmpty()
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private void fail(String name, Exception e) {
        log.error("Replay of processor [{}] failed", name, e);
        lastReplayFailure.put(name, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    public DeadLetters deadLetters(String name) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        List<ParkedEvent> first = new ArrayList<>();
        outer:
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (first.size() >= LISTED_LETTERS) {
                    break outer;
                }
                first.add(parked(letter));
            }
        }
        return new DeadLetters(name, queue.amountOfSequences(), queue.size(), first);
    }

    /**
     * Retries every parked sequence once, oldest first: a sequence whose events now all succeed leaves the queue; one
     * that fails again stays parked (moved to the back). Bounded by the number of sequences parked at the start, so a
     * permanently failing event cannot make this loop forever.
     */
    public RetryResult retryDeadLetters(String name) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(name)
                .orElseThrow(() -> new ConflictException("not-started",
                        "Processor " + name + " has not started, so its dead letters cannot be processed yet"));
        long attempts = queue.amountOfSequences();
        int retried = 0;
        int failed = 0;
        for (long i = 0; i < attempts && queue.size() > 0; i++) {
            if (letters.processAny()) {
                retried++;
            } else {
                failed++;
            }
        }
        return new RetryResult(name, retried, failed, queue.amountOfSequences());
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String name) {
        find(name);
        return processing.deadLetterQueue(name).orElseThrow(() -> new NotFoundException(
                "Processor " + name + " has no dead-letter queue (axon.eventhandling.processors." + name
                        + ".dlq.enabled is not set): a failing event stops it until the failure is fixed"));
    }

    private EventProcessor find(String name) {
        return processing.eventProcessor(name).orElseThrow(() -> new NotFoundException(
                "No event processor named " + name + "; GET /api/v1/admin/processors lists them"));
    }

    private ProcessorStatus status(EventProcessor processor, long head) {
        String name = processor.getName();
        boolean hasQueue = processing.deadLetterQueue(name).isPresent();
        long deadLetters = hasQueue ? processing.deadLetterQueue(name).get().size() : 0;
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new ProcessorStatus(name, processor.isRunning(), false, processor.isError(), null, null, hasQueue,
                    deadLetters, null);
        }
        Collection<EventTrackerStatus> segments = streaming.processingStatus().values();
        Long position;
        boolean replaying;
        if (!segments.isEmpty()) {
            position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                    .mapToLong(p -> p.orElse(-1)).min().orElse(-1);
            replaying = segments.stream().map(EventTrackerStatus::getTrackingToken).anyMatch(ProcessorAdmin::rereading);
        } else {
            // Not running here, or its segments are claimed by another node: the token store still knows.
            List<TrackingToken> tokens = storedTokens(name);
            position = tokens == null ? null : tokens.stream()
                    .mapToLong(ProcessorAdmin::position).min().orElse(-1);
            replaying = tokens != null && tokens.stream().anyMatch(ProcessorAdmin::rereading);
        }
        replaying |= replaysInProgress.contains(name);
        Long lag = position == null ? null : Math.max(0, head - position);
        return new ProcessorStatus(name, streaming.isRunning(), replaying, streaming.isError(), position, lag,
                hasQueue, deadLetters, lastReplayFailure.get(name));
    }

    /**
     * Whether a segment is still re-reading events it had processed before its reset, judged from its token (so that
     * it also works for tokens read from the token store). A segment's {@link EventTrackerStatus#isReplaying()} alone
     * is not enough: it stays up after the replay has reached the reset position until a newer event is handled.
     */
    static boolean rereading(TrackingToken token) {
        return ReplayToken.isReplay(token) && WrappedToken.unwrap(token, ReplayToken.class)
                .map(replay -> position(replay.getCurrentToken()) < position(replay.getTokenAtReset()))
                .orElse(false);
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    /**
     * The processor's segments as committed in the token store, whichever node holds them: how many there are and
     * the lowest position among them (-1 before the first event), or empty when the store cannot say.
     */
    public Optional<CommittedProgress> committedProgress(String name) {
        List<TrackingToken> tokens = storedTokens(name);
        if (tokens == null) {
            return Optional.empty();
        }
        return Optional.of(new CommittedProgress(tokens.size(),
                tokens.stream().mapToLong(ProcessorAdmin::position).min().orElse(-1)));
    }

    public record CommittedProgress(int segments, long position) {
    }

    /** The processor's committed token of every segment, whichever node holds it, or empty when the store cannot say. */
    public Optional<List<TrackingToken>> committedTokens(String name) {
        return Optional.ofNullable(storedTokens(name));
    }

    /** Reads the processor's tokens without claiming them (Axon's {@code TokenStore#fetchToken} would claim). */
    private List<TrackingToken> storedTokens(String name) {
        EntityManagerProvider provider = entityManagers.getIfAvailable();
        if (provider == null) {
            return null;
        }
        try {
            return transactionManager.fetchInTransaction(() -> provider.getEntityManager()
                    .createQuery("select t from TokenEntry t where t.processorName = :name", TokenEntry.class)
                    .setParameter("name", name)
                    .getResultList().stream()
                    .map(entry -> entry.getToken(tokenSerializer))
                    .toList());
        } catch (RuntimeException e) {
            log.debug("Could not read the tokens of processor [{}]", name, e);
            return null;
        }
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private static ParkedEvent parked(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        String aggregateId = null;
        Long sequenceNumber = null;
        if (message instanceof DomainEventMessage<?> event) {
            aggregateId = event.getAggregateIdentifier();
            sequenceNumber = event.getSequenceNumber();
        }
        String sequence = aggregateId;
        if (letter instanceof JpaDeadLetter<?> jpa) {
            sequence = jpa.getSequenceIdentifier();
        }
        return new ParkedEvent(sequence, message.getIdentifier(), message.getPayloadType().getName(), aggregateId,
                sequenceNumber, letter.enqueuedAt(), letter.lastTouched(),
                letter.cause().map(Cause::type).orElse(null), letter.cause().map(Cause::message).orElse(null));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "processor-replay-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void close() {
        closing = true;
        replays.shutdownNow();
    }
}

package com.bookingengine.query;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the handlers of a unit of work (a processor's batch of events, or one dead-letter retry) gather for one write,
 * made once as the unit of work prepares to commit: in the transaction that moves the processor's token, so a batch
 * that rolls back takes what it gathered with it. Outside a unit of work each addition is written at once.
 *
 * @param <T> what is gathered (rows by id, sums by key)
 */
public final class GatheredWrites<T> {

    private final String key;
    private final Supplier<T> empty;
    private final Consumer<T> write;

    /**
     * @param owner names the gathering in the unit of work's resources
     * @param empty makes an empty gathering
     * @param write writes a gathering (called once per unit of work, and never concurrently with additions to it)
     */
    public GatheredWrites(Class<?> owner, Supplier<T> empty, Consumer<T> write) {
        this.key = owner.getName() + ".gathered";
        this.empty = empty;
        this.write = write;
    }

    /** Adds to the current unit of work's gathering (to a new one, written at once, outside a unit of work). */
    public void add(Consumer<T> addition) {
        if (!CurrentUnitOfWork.isStarted()) {
            T alone = empty.get();
            addition.accept(alone);
            write.accept(alone);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        addition.accept(unitOfWork.getOrComputeResource(key, ignored -> {
            T gathered = empty.get();
            unitOfWork.onPrepareCommit(u -> write.accept(gathered));
            return gathered;
        }));
    }

    /** The current unit of work's gathering, not yet written; empty outside a unit of work or before any addition. */
    public Optional<T> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CurrentUnitOfWork.get().root().getResource(key));
    }
}

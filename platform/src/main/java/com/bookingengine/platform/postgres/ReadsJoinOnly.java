package com.bookingengine.platform.postgres;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Supplier;

/**
 * The event storage engine's transactions: its appends run in a transaction as before (the caller's, joined, or one of
 * their own), and its reads join the caller's transaction when there is one and otherwise start none. A read outside a
 * transaction takes a pooled connection in auto-commit for its statement and gives it back, as a statement in a
 * transaction of its own would see the same committed rows (read committed, on PostgreSQL and H2 alike).
 * <p>
 * Axon's JDBC engine reads every batch of tracked events through {@link #fetchInTransaction}: on a query node the
 * event store's reading thread began and committed a JPA transaction for each fetch, which was 39 % of that thread's
 * samples and about 7 % of the node's under 16 booking clients (docs/BENCHMARKS.md, "Event reads without a
 * transaction").
 */
final class ReadsJoinOnly implements TransactionManager {

    private final TransactionManager delegate;

    ReadsJoinOnly(TransactionManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction startTransaction() {
        return delegate.startTransaction();
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> supplier) {
        return TransactionSynchronizationManager.isActualTransactionActive()
                ? delegate.fetchInTransaction(supplier)
                : supplier.get();
    }
}

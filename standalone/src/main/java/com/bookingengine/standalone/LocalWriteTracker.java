package com.bookingengine.standalone;

import com.bookingengine.command.position.CommandPositionListener;
import com.bookingengine.query.position.LocalWrites;
import com.bookingengine.query.position.ReadModelPositions;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Read-your-writes in one JVM (SPEC §4: a query issued after a command's answer already sees it). A command answers
 * at once; the global position of its last event is remembered here, and the next query waits until its read model
 * has reached the store's head and processed every position remembered (MinPositionInterceptor). Commands never wait
 * for projections; a query waits only while some answered write is still unprocessed. Positions every projection has
 * processed are forgotten by the queries that see them, and here when many pile up without a query.
 */
@Component
class LocalWriteTracker implements CommandPositionListener, LocalWrites {

    private static final int PRUNE_FROM = 256;

    private final ConcurrentSkipListSet<Long> pending = new ConcurrentSkipListSet<>();
    private final ReadModelPositions positions;
    private volatile int pruneAt = PRUNE_FROM;

    LocalWriteTracker(ReadModelPositions positions) {
        this.positions = positions;
    }

    @Override
    public void answered(long position) {
        pending.add(position);
        if (pending.size() >= pruneAt) {
            synchronized (this) {
                if (pending.size() >= pruneAt) {
                    List<Long> processed = positions.processedEverywhere(List.copyOf(pending));
                    processed.forEach(pending::remove);
                    // lagging projections: prune again only once the set has doubled, so answering stays cheap
                    pruneAt = Math.max(PRUNE_FROM, 2 * pending.size());
                }
            }
        }
    }

    @Override
    public Collection<Long> pending() {
        return pending;
    }

    @Override
    public void processed(Collection<Long> positions) {
        pending.removeAll(positions);
    }
}

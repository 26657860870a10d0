package com.bookingengine.query;

import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GatheredWritesTest {

    private final List<List<String>> written = new ArrayList<>();
    private final GatheredWrites<List<String>> writes =
            new GatheredWrites<>(GatheredWritesTest.class, ArrayList::new, gathered -> written.add(List.copyOf(gathered)));

    @Test
    void whatAUnitOfWorkGathersIsWrittenOnceAsItCommits() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("batch"));
        writes.add(gathered -> gathered.add("a"));
        DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("nested")).execute(() -> writes.add(gathered -> gathered.add("b")));

        assertThat(written).isEmpty();
        assertThat(writes.pending()).contains(List.of("a", "b"));
        batch.commit();

        assertThat(written).containsExactly(List.of("a", "b"));
    }

    @Test
    void aUnitOfWorkThatRollsBackWritesNothing() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("batch"));
        writes.add(gathered -> gathered.add("a"));
        batch.rollback();

        assertThat(written).isEmpty();
        assertThat(writes.pending()).isEmpty();
    }

    @Test
    void outsideAUnitOfWorkEachAdditionIsWrittenAtOnce() {
        writes.add(gathered -> gathered.add("a"));
        writes.add(gathered -> gathered.add("b"));

        assertThat(written).containsExactly(List.of("a"), List.of("b"));
        assertThat(writes.pending()).isEqualTo(Optional.empty());
    }
}

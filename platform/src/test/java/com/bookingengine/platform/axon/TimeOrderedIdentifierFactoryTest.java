package com.bookingengine.platform.axon;

import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The identifiers Axon gives events on this engine: UUIDs, unique, in the order the events were made. */
class TimeOrderedIdentifierFactoryTest {

    @Test
    void eventsMadeLaterHaveIdentifiersThatSortLater() throws InterruptedException {
        List<String> identifiers = new ArrayList<>();
        for (int millisecond = 0; millisecond < 5; millisecond++) {
            for (int i = 0; i < 1_000; i++) {
                identifiers.add(new GenericEventMessage<>("BookingCreated").getIdentifier());
            }
            Thread.sleep(2);
        }

        assertThat(new HashSet<>(identifiers)).as("distinct identifiers").hasSize(identifiers.size());
        for (String identifier : identifiers) {
            UUID uuid = UUID.fromString(identifier);
            assertThat(uuid.toString()).as("canonical text").isEqualTo(identifier);
            assertThat(uuid.version()).as("version of %s", identifier).isEqualTo(7);
        }
        for (int i = 1; i < identifiers.size(); i++) {
            assertThat(identifiers.get(i)).as("identifier %d", i).isGreaterThan(identifiers.get(i - 1));
        }
    }
}

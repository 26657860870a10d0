package com.bookingengine.platform.axon;

import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processors' invoker answers and routes every event as Axon's own does: real annotated handlers behind Axon's
 * {@link SimpleEventHandlerInvoker}s, one pair behind a {@link MultiEventHandlerInvoker}, the other behind the same
 * wrapped in a {@link SettledHandlerInvoker}, given live and replayed events of handled and unhandled types on whole
 * and split segments.
 */
class SettledHandlerInvokerTest {

    record Booked(String bookingId) {
    }

    record Renamed(String name) {
    }

    /** A read model: replayed, reset first. */
    static class ReadModel {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(Booked event) {
            seen.add("read model: " + event.bookingId());
        }

        @ResetHandler
        void reset() {
            seen.add("read model reset");
        }
    }

    /** A side effect that must not happen again in a replay. */
    @DisallowReplay
    static class Mailer {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(Booked event) {
            seen.add("mail: " + event.bookingId());
        }

        @AllowReplay(false)
        @EventHandler
        void on(Renamed event) {
            seen.add("mail: renamed " + event.name());
        }
    }

    private record Handlers(ReadModel readModel, Mailer mailer, EventHandlerInvoker axon) {
        static Handlers make() {
            ReadModel readModel = new ReadModel();
            Mailer mailer = new Mailer();
            return new Handlers(readModel, mailer, new MultiEventHandlerInvoker(
                    SimpleEventHandlerInvoker.builder().eventHandlers(readModel).build(),
                    SimpleEventHandlerInvoker.builder().eventHandlers(mailer).build()));
        }

        List<String> seen() {
            List<String> all = new ArrayList<>(readModel.seen);
            all.addAll(mailer.seen);
            return all;
        }
    }

    @Test
    void answersAndHandlesEveryEventAsAxonsInvokerDoes() throws Exception {
        Handlers axon = Handlers.make();
        Handlers settled = Handlers.make();
        SettledHandlerInvoker invoker = new SettledHandlerInvoker(settled.axon());
        Segment[] halves = Segment.ROOT_SEGMENT.split();
        List<Segment> segments = List.of(Segment.ROOT_SEGMENT, halves[0], halves[1]);

        List<EventMessage<?>> events = new ArrayList<>();
        long position = 0;
        for (boolean replay : new boolean[] {false, true}) {
            for (String aggregate : List.of("b-1", "b-2", "b-3", "b-4")) {
                events.add(tracked(aggregate, new Booked(aggregate), ++position, replay));
                events.add(tracked(aggregate, new Renamed(aggregate + "'"), ++position, replay));
                events.add(tracked(aggregate, "not handled", ++position, replay));
            }
        }
        int handledSomewhere = 0;
        for (EventMessage<?> event : events) {
            for (Segment segment : segments) {
                boolean expected = axon.axon().canHandle(event, segment);
                assertThat(invoker.canHandle(event, segment)).as("%s on %s", event.getPayload(), segment)
                        .isEqualTo(expected);
                handledSomewhere += expected ? 1 : 0;
                axon.axon().handle(event, segment);
                invoker.handle(event, segment);
            }
        }
        assertThat(settled.seen()).isEqualTo(axon.seen());
        assertThat(axon.seen()).as("live events reach both, replayed ones the read model only")
                .contains("read model: b-1", "mail: b-1", "mail: renamed b-1'")
                .filteredOn(line -> line.startsWith("mail")).hasSize(2 * 4 * 2); // each live event on 2 segments
        assertThat(handledSomewhere).isPositive();

        for (Class<?> type : List.of(Booked.class, Renamed.class, String.class, Booked.class)) {
            assertThat(invoker.canHandleType(type)).as(type.getSimpleName())
                    .isEqualTo(axon.axon().canHandleType(type));
        }
        assertThat(invoker.canHandleType(String.class)).isFalse();
        assertThat(invoker.supportsReset()).isEqualTo(axon.axon().supportsReset()).isTrue();

        invoker.performReset();
        assertThat(settled.readModel().seen).endsWith("read model reset");
        assertThat(settled.mailer().seen).noneMatch(line -> line.contains("reset"));
    }

    private static EventMessage<?> tracked(String aggregate, Object payload, long position, boolean replay) {
        TrackingToken token = new GlobalSequenceTrackingToken(position);
        if (replay) {
            token = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(1_000), token);
        }
        return new GenericTrackedDomainEventMessage<>(token,
                new GenericDomainEventMessage<>("Booking", aggregate, position, payload));
    }
}

package com.bookingengine.platform.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The stored messages' instants read as Jackson's {@code JavaTimeModule} reads them, whatever the text. */
class InstantReaderTest {

    record Slot(Instant start, Instant end) {
    }

    /** The event serializer's mapper, as the engine configures it. */
    private final ObjectMapper engine = ((JacksonSerializer) new AxonMessagingConfiguration().eventSerializer())
            .getObjectMapper();
    private final ObjectMapper jackson = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void everyInstantReadsBackAsJacksonReadsItAndTheUsualShapesTakeTheShortWay() throws Exception {
        // given instants from 1970 to 9999, at second, milli, micro and nano precision, written as an Instant writes
        Random random = new Random(7);
        List<ChronoUnit> precisions = List.of(ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS,
                ChronoUnit.NANOS);
        long lastSecond = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond((long) (random.nextDouble() * lastSecond),
                    random.nextInt(1_000_000_000)).truncatedTo(precisions.get(i % 4));
            String text = instant.toString();
            String json = "{\"start\":\"" + text + "\",\"end\":\"" + text + "\"}";

            // then the engine's mapper reads what Jackson reads, and the text takes the direct way
            assertThat(engine.readValue(json, Slot.class)).as(text).isEqualTo(jackson.readValue(json, Slot.class))
                    .isEqualTo(new Slot(instant, instant));
            assertThat(InstantReader.parseUtc(text)).as(text).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-02-30T12:00:00Z\"", "\"2026-12-04T24:00:00Z\"", "\"2026-12-04T12:60:00Z\"",
            "\"2026-12-04T23:59:60Z\"", "\"2026-12-04t12:00:00z\"", "\"+12026-12-04T12:00:00Z\"",
            "\"2026-12-04T12:00:00.Z\"", "\"2026-12-04T12:00:00.1234567890Z\"", "\"2026-12-04T12:00:00+01:00\"",
            "\" 2026-12-04T12:00:00Z \"", "\"2026-12-04T12:00Z\"", "\"2026-12-04 12:00:00Z\"", "\"\"", "\"soon\"",
            "\"1733313600\"", "1733313600", "1733313600.5", "-1", "null", "true", "\"0000-01-01T00:00:00Z\"",
            "\"2026-1a-04T12:00:00Z\"", "\"2026-12-04T12:00:00.12a4Z\""})
    void otherTextIsReadOrRefusedAsJacksonDoes(String value) {
        String json = "{\"start\":" + value + ",\"end\":null}";
        Object ours = outcome(engine, json);
        Object theirs = outcome(jackson, json);
        assertThat(ours).as(value).isEqualTo(theirs);
    }

    /** The value read, or the class of the exception thrown. */
    private static Object outcome(ObjectMapper mapper, String json) {
        Throwable thrown = catchThrowable(() -> mapper.readValue(json, Slot.class));
        if (thrown != null) {
            return thrown.getClass();
        }
        try {
            return mapper.readValue(json, Slot.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

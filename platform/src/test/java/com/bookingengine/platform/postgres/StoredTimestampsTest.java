package com.bookingengine.platform.postgres;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event table's timestamp text reads and writes exactly as Axon's DateTimeUtils does. */
class StoredTimestampsTest {

    @Test
    void anyInstantIsWrittenAsAxonWritesItAndReadsBackAsAxonReadsIt() {
        Random random = new Random(20261201);
        long tenThousandYears = Instant.parse("+10001-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long range = i % 2 == 0 ? 4_102_444_800L : tenThousandYears; // up to 2100, or any year to beyond 9999
            Instant instant = Instant.ofEpochSecond(Math.floorMod(random.nextLong(), range) - (i % 10 == 0 ? range / 2 : 0),
                    random.nextInt(1_000_000_000));
            String axons = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamps.format(instant)).as(instant.toString()).isEqualTo(axons);
            assertThat(StoredTimestamps.parse(axons)).as(axons).isEqualTo(DateTimeUtils.parseInstant(axons));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z", "2000-02-29T12:00:00.500Z",
            "9999-12-31T23:59:59.999Z", "0000-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z",
            "2030-01-01T00:00:00Z", "2026-12-01T04:23:04.123+01:00", "2026-12-01t03:23:04.123z",
            "2026-12-01T03:23:04.123456789Z", "+10000-01-01T00:00:00.000Z"})
    void theEdgesAndEveryOtherShapeAxonAcceptsReadAsAxonReadsThem(String text) {
        assertThat(StoredTimestamps.parse(text)).isEqualTo(DateTimeUtils.parseInstant(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00.000Z", "2025-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
            "2026-00-01T00:00:00.000Z", "2026-12-00T00:00:00.000Z", "2026-12-01T24:00:00.000Z",
            "2026-12-01T23:60:00.000Z", "2026-12-01T23:59:60.000Z", "2026-1a-01T00:00:00.000Z",
            "2026-12-01T03:23:04.12-Z", "2026-12-01 03:23:04.123Z", ""})
    void whatAxonRefusesIsRefusedAsAxonRefusesIt(String text) {
        assertThatThrownBy(() -> DateTimeUtils.parseInstant(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTimestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}

package com.bookingengine.platform.postgres;

import com.bookingengine.platform.axon.InstantReader;
import org.axonframework.common.DateTimeUtils;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An event's timestamp as the event table stores it: the text of Axon's {@link DateTimeUtils#formatInstant}, UTC with
 * milliseconds ({@code 2026-12-01T03:23:04.123Z}), which the audit's hash chain also covers. Axon writes and reads it
 * with {@code DateTimeFormatter}s, a few microseconds an event, for every event appended, hashed, tracked or loaded.
 * This class reads and writes that one shape directly, with the same result, and hands any other text or instant
 * (other offsets, other precision, years beyond 9999) to Axon's methods, so what they accept or refuse does not change.
 */
public final class StoredTimestamps {

    private static final int LENGTH = "2026-12-01T03:23:04.123Z".length();
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long LAST_SECOND_OF_9999 = LocalDateTime.of(9999, 12, 31, 23, 59, 59)
            .toEpochSecond(ZoneOffset.UTC);

    private StoredTimestamps() {
    }

    /** The instant of a stored timestamp: {@link DateTimeUtils#parseInstant}'s result, and its exceptions. */
    public static Instant parse(String text) {
        if (text.length() == LENGTH) {
            Instant instant = InstantReader.parseUtc(text); // exactly 3 digits of fraction at this length
            if (instant != null) {
                return instant;
            }
        }
        return DateTimeUtils.parseInstant(text);
    }

    /** The stored text of an instant: {@link DateTimeUtils#formatInstant}'s result (milliseconds, truncated). */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > LAST_SECOND_OF_9999) {
            return DateTimeUtils.formatInstant(instant);
        }
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(days);
        char[] text = new char[LENGTH];
        put(text, 0, 4, date.getYear());
        text[4] = '-';
        put(text, 5, 2, date.getMonthValue());
        text[7] = '-';
        put(text, 8, 2, date.getDayOfMonth());
        text[10] = 'T';
        put(text, 11, 2, secondOfDay / 3600);
        text[13] = ':';
        put(text, 14, 2, secondOfDay / 60 % 60);
        text[16] = ':';
        put(text, 17, 2, secondOfDay % 60);
        text[19] = '.';
        put(text, 20, 3, instant.getNano() / 1_000_000);
        text[23] = 'Z';
        return new String(text);
    }

    private static void put(char[] text, int start, int count, int value) {
        for (int i = start + count - 1; i >= start; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}

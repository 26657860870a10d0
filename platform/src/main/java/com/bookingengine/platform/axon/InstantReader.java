package com.bookingengine.platform.axon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants in stored messages (a booking's start and end, a session's times) as the
 * {@code JavaTimeModule}'s {@link InstantDeserializer} reads them. The one shape an {@code Instant} is written in,
 * UTC with 0 to 9 digits of fraction ({@code 2026-12-04T12:00:00Z}, {@code 2026-12-04T12:00:00.123Z}), is read
 * directly; any other text or token goes to Jackson's reader, so what it accepts or refuses does not change. Jackson
 * parses with a {@code DateTimeFormatter}: 7 % of a replaying processor's samples (docs/BENCHMARKS.md).
 */
public final class InstantReader extends StdScalarDeserializer<Instant> {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final int SHORTEST = "2026-12-04T12:00:00Z".length();
    private static final int LONGEST = "2026-12-04T12:00:00.123456789Z".length();

    InstantReader() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = parseUtc(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }

    /**
     * The instant of {@code text} if it has the shape {@code yyyy-MM-ddTHH:mm:ss[.f]Z} (a year of four digits, one to
     * nine digits of fraction) and names a real date and time; null for any other text, which the caller hands to
     * the reader it stands in for.
     */
    public static Instant parseUtc(String text) {
        int length = text.length();
        if (length < SHORTEST || length > LONGEST || length == SHORTEST + 1 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || (length > SHORTEST && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fractionDigits = length > SHORTEST ? length - SHORTEST - 1 : 0;
        int fraction = fractionDigits > 0 ? digits(text, 20, fractionDigits) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || fraction < 0) {
            return null;
        }
        for (int i = fractionDigits; i < 9; i++) {
            fraction *= 10;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, fraction);
        } catch (DateTimeException notADate) {
            return null; // February 30th and the like: the reader stood in for refuses it with its own message
        }
    }

    /** The decimal number of {@code count} ASCII digits from {@code start}, or -1 if one is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}

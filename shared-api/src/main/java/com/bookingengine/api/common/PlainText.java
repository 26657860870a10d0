package com.bookingengine.api.common;

import java.util.Optional;

/**
 * What a text field may hold: characters a person can read, at most a documented number of them (see
 * {@link InputLimits}). No control characters (U+0000-U+001F, U+007F-U+009F: NUL, BEL, ESC, but also line breaks
 * and tabs, which no single-line field needs) and no unpaired surrogates (half a character, which no encoder can
 * write back faithfully). Lengths count UTF-16 code units, as Java and JavaScript do ({@code String.length()}).
 * <p>
 * The web layer checks request fields with it and names the field; commands check their texts with it again, so
 * a command built without HTTP cannot carry what a request could not.
 */
public final class PlainText {

    private PlainText() {
    }

    /** Why {@code value} is not plain text of at most {@code maxLength}, or empty when it is (or is null). */
    public static Optional<String> problem(String value, int maxLength) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters long, not " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of(String.format("must not contain control characters (U+%04X at index %d)", (int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair: one character outside the Basic Multilingual Plane
            } else if (Character.isSurrogate(c)) {
                return Optional.of(String.format("must not contain half a character (unpaired surrogate U+%04X at "
                        + "index %d)", (int) c, i));
            }
        }
        return Optional.empty();
    }

    /** {@code value} itself when it is plain text of at most {@code maxLength} (or null); otherwise refuses it. */
    public static String check(String what, String value, int maxLength) {
        problem(value, maxLength).ifPresent(problem -> {
            throw new IllegalArgumentException(what + " " + problem);
        });
        return value;
    }

    /** The start of {@code value} for a message: never more than 40 characters, control characters escaped. */
    static String excerpt(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(value.length(), 40); i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? String.format("\\u%04X", (int) c) : c);
        }
        return value.length() > 40 ? out + "..." : out.toString();
    }
}

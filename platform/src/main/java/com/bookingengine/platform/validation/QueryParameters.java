package com.bookingengine.platform.validation;

import com.bookingengine.api.common.PlainText;
import com.bookingengine.platform.error.InvalidInputException;

/**
 * Query parameters and headers that name things or positions: refused as a 400 naming them, by the rules of body
 * fields (plain text within its length; an event position as digits only, never reinterpreted).
 */
public final class QueryParameters {

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]{1,19}");

    private QueryParameters() {
    }

    /** {@code value} when it is null or plain text of at most {@code maxLength}; otherwise a 400 naming it. */
    public static String plainText(String name, String value, int maxLength) {
        PlainText.problem(value, maxLength).ifPresent(problem -> {
            throw new InvalidInputException(name, "Query parameter '" + name + "' " + problem);
        });
        return value;
    }

    /**
     * An event position sent as {@code name} (a parameter or header): ASCII digits only, 0 to {@link Long#MAX_VALUE}
     * (no sign, spaces, exponent or other scripts' digits); otherwise a 400 naming {@code name}.
     */
    public static long position(String name, String value, String meaning) {
        if (value != null && DIGITS.matcher(value).matches()) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                // beyond a long: refused below
            }
        }
        throw new InvalidInputException(name, name + " must be " + meaning + " (a whole number of ASCII digits, "
                + "0 to " + Long.MAX_VALUE + ")");
    }
}

package com.bookingengine.platform.validation;

import com.bookingengine.api.common.PlainText;
import com.bookingengine.platform.error.InvalidInputException;

/** Path parameters go into commands as ids: the same plain-text rule as body fields, refused as a 400 naming them. */
public final class PathParameters {

    private PathParameters() {
    }

    /** {@code value} when it is plain text of at most {@code maxLength}; otherwise a 400 naming {@code name}. */
    public static String plainText(String name, String value, int maxLength) {
        PlainText.problem(value, maxLength).ifPresent(problem -> {
            throw new InvalidInputException(name, "Path parameter '" + name + "' " + problem);
        });
        return value;
    }
}

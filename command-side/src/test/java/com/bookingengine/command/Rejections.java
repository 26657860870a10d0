package com.bookingengine.command;

import com.bookingengine.platform.error.ConflictException;
import com.bookingengine.platform.error.InvalidInputException;
import org.hamcrest.CustomMatcher;
import org.hamcrest.Matcher;

import java.util.Objects;

/** Matchers for the domain's refusals, for {@code AggregateTestFixture#expectException}. */
public final class Rejections {

    private Rejections() {
    }

    /** A 400 that names {@code field}. */
    public static Matcher<Object> rejectedField(String field) {
        return new CustomMatcher<>("invalid input in field " + field) {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof InvalidInputException e && field.equals(e.field());
            }
        };
    }

    /** A 400 that names {@code field} and gives {@code reason} (null: none). */
    public static Matcher<Object> rejectedField(String field, String reason) {
        return new CustomMatcher<>("invalid input in field " + field + " (" + reason + ")") {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof InvalidInputException e && field.equals(e.field())
                        && Objects.equals(reason, e.reason());
            }
        };
    }

    /** A 409 with {@code reason}. */
    public static Matcher<Object> conflict(String reason) {
        return new CustomMatcher<>("conflict " + reason) {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof ConflictException e && reason.equals(e.reason());
            }
        };
    }
}

package com.bookingengine.command;

import com.bookingengine.api.rules.Rule;
import com.bookingengine.api.rules.RuleViolation;
import org.hamcrest.CustomMatcher;
import org.hamcrest.Matcher;

import java.util.Objects;

/**
 * Matchers for the domain's refusals, for {@code AggregateTestFixture#expectException}: the rule that failed. Which
 * field and status a client reads for it is the web layer's table ({@code RuleProblems}), tested there.
 */
public final class Rejections {

    private Rejections() {
    }

    /** A refusal because {@code rule} does not hold. */
    public static Matcher<Object> violates(Rule rule) {
        return new CustomMatcher<>("violation of " + rule) {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof RuleViolation v && v.rule() == rule;
            }
        };
    }

    /** A refusal because {@code rule} does not hold for the part {@code at} of the command (a list position). */
    public static Matcher<Object> violates(Rule rule, String at) {
        return new CustomMatcher<>("violation of " + rule + " at " + at) {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof RuleViolation v && v.rule() == rule && Objects.equals(at, v.at());
            }
        };
    }
}

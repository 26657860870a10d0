package com.bookingengine.api.rules;

import java.util.Objects;

/**
 * The domain refuses a command because {@link #rule()} does not hold. The message says it for a person; nothing
 * here knows about requests, fields or statuses (the web layer maps the rule). When the rule was broken by one of
 * several like parts of a command (the second session of a new course, a required form field), {@link #at()}
 * names which: its position in the command's list, or its name. Nothing is written when one is thrown.
 */
public class RuleViolation extends RuntimeException {

    private final Rule rule;
    private final String at;

    public RuleViolation(Rule rule, String message) {
        this(rule, message, null);
    }

    public RuleViolation(Rule rule, String message, String at) {
        super(message);
        this.rule = Objects.requireNonNull(rule);
        this.at = at;
    }

    public Rule rule() {
        return rule;
    }

    /** Which of several like parts of the command broke the rule (a list position or a name), or null. */
    public String at() {
        return at;
    }

    /** The same violation, broken by the {@code index}-th of several like parts (the command's list of sessions). */
    public RuleViolation at(int index) {
        RuleViolation located = new RuleViolation(rule, getMessage(), String.valueOf(index));
        located.setStackTrace(getStackTrace());
        return located;
    }

    @Override
    public String toString() {
        return "RuleViolation[" + rule + (at == null ? "" : " at " + at) + "]: " + getMessage();
    }
}

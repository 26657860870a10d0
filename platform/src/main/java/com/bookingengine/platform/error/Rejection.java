package com.bookingengine.platform.error;

import com.bookingengine.api.rules.Rule;
import com.bookingengine.api.rules.RuleViolation;

/**
 * A refused command or query as it travels between nodes: with Axon Server the handler may run on another node,
 * and only a handler exception's details cross the wire (its class does not). The web layer turns it back into
 * the exception it stands for, so a 400, 404 or 409 reads the same whichever node decided it. A domain refusal
 * travels as its {@code rule} (and the part it names, {@code at}): the receiving node maps it to a field and status.
 */
public record Rejection(Kind kind, String field, String reason, String message, String rule, String at) {

    public enum Kind { INVALID_INPUT, NOT_FOUND, CONFLICT }

    public static Rejection of(RejectedCommandException e) {
        if (e instanceof InvalidInputException invalid) {
            return new Rejection(Kind.INVALID_INPUT, invalid.field(), invalid.reason(), invalid.getMessage(), null,
                    null);
        }
        if (e instanceof ConflictException conflict) {
            return new Rejection(Kind.CONFLICT, null, conflict.reason(), conflict.getMessage(), null, null);
        }
        return new Rejection(Kind.NOT_FOUND, null, null, e.getMessage(), null, null);
    }

    public static Rejection of(RuleViolation violation) {
        Kind kind = switch (violation.rule().kind()) {
            case INVALID -> Kind.INVALID_INPUT;
            case CONFLICT -> Kind.CONFLICT;
            case NOT_FOUND -> Kind.NOT_FOUND;
        };
        return new Rejection(kind, null, null, violation.getMessage(), violation.rule().name(), violation.at());
    }

    /** The exception this rejection stands for: a {@link RuleViolation} or a {@link RejectedCommandException}. */
    public RuntimeException toException() {
        if (rule != null) {
            try {
                return new RuleViolation(Rule.valueOf(rule), message, at);
            } catch (IllegalArgumentException ruleOfANewerNode) {
                // fall back on the kind: the status holds, only the field or reason is missing
            }
        }
        return switch (kind) {
            case INVALID_INPUT -> new InvalidInputException(field, reason, message);
            case CONFLICT -> new ConflictException(reason, message);
            case NOT_FOUND -> new NotFoundException(message);
        };
    }
}

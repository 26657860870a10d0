package com.bookingengine.platform.error;

/**
 * A refused command or query as it travels between nodes: with Axon Server the handler may run on another node,
 * and only a handler exception's details cross the wire (its class does not). The web layer turns it back into
 * the exception it stands for, so a 400, 404 or 409 reads the same whichever node decided it.
 */
public record Rejection(Kind kind, String field, String reason, String message) {

    public enum Kind { INVALID_INPUT, NOT_FOUND, CONFLICT }

    public static Rejection of(RejectedCommandException e) {
        if (e instanceof InvalidInputException invalid) {
            return new Rejection(Kind.INVALID_INPUT, invalid.field(), invalid.reason(), invalid.getMessage());
        }
        if (e instanceof ConflictException conflict) {
            return new Rejection(Kind.CONFLICT, null, conflict.reason(), conflict.getMessage());
        }
        return new Rejection(Kind.NOT_FOUND, null, null, e.getMessage());
    }

    public RejectedCommandException toException() {
        return switch (kind) {
            case INVALID_INPUT -> new InvalidInputException(field, reason, message);
            case CONFLICT -> new ConflictException(reason, message);
            case NOT_FOUND -> new NotFoundException(message);
        };
    }
}

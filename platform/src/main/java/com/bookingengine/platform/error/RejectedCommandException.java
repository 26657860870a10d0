package com.bookingengine.platform.error;

/**
 * A command the domain refuses. Subclasses say why; the web layer maps each kind to its status. Nothing is
 * written when one is thrown: the unit of work rolls back.
 */
public abstract class RejectedCommandException extends RuntimeException {

    protected RejectedCommandException(String message) {
        super(message);
    }
}

package com.bookingengine.command;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/** Questions the command handlers ask repositories before they create an aggregate. */
public final class Aggregates {

    private Aggregates() {
    }

    /** Whether an aggregate with this id has events; loading it also locks it for the rest of the unit of work. */
    public static boolean exists(Repository<?> repository, String id) {
        try {
            repository.load(id);
            return true;
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }
}

package com.bookingengine.command;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.util.concurrent.Callable;

/** Runs test code the way a command handler runs: inside a unit of work of its own, committed or rolled back. */
public final class UnitsOfWork {

    private UnitsOfWork() {
    }

    /** The work's result once its unit of work has committed; its exception once it has rolled back. */
    public static <T> T inUnitOfWork(Callable<T> work) throws Exception {
        var result = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("test"))
                .executeWithResult(work);
        if (result.isExceptional()) {
            throw (Exception) result.exceptionResult();
        }
        return result.getPayload();
    }
}

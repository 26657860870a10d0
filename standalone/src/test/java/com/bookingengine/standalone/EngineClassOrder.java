package com.bookingengine.standalone;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;

/**
 * Test classes on the {@link SharedEngine} run first, the others after them (each group by name): so the shared
 * engine starts once, and a class that must be the only engine in the JVM ({@code JsonLogsTest}) closes it once.
 * Set as the default order in {@code junit-platform.properties}.
 */
public class EngineClassOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor c) -> shared(c.getTestClass()) ? 0 : 1)
                .thenComparing(c -> c.getTestClass().getName()));
    }

    static boolean shared(Class<?> type) {
        return EngineTest.class.isAssignableFrom(type) && !type.isAnnotationPresent(OwnEngine.class);
    }
}

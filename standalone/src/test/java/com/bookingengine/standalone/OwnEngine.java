package com.bookingengine.standalone;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@link EngineTest}: the class gets an engine of its own instead of the {@link SharedEngine}, because it
 * changes what others would see (rows rewritten, deleted or planted in the event store behind the engine's back).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface OwnEngine {
}

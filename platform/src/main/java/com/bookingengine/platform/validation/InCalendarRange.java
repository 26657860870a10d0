package com.bookingengine.platform.validation;

import com.bookingengine.api.common.CalendarRange;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;

/** A request instant or date lies in the engine's {@link CalendarRange}. Null is valid. */
@Documented
@Constraint(validatedBy = {InCalendarRange.ForInstant.class, InCalendarRange.ForDate.class})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface InCalendarRange {

    String message() default "must lie in the years " + CalendarRange.FIRST_YEAR + " to " + CalendarRange.LAST_YEAR
            + " (UTC)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class ForInstant implements ConstraintValidator<InCalendarRange, Instant> {
        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return CalendarRange.problem(value).isEmpty();
        }
    }

    class ForDate implements ConstraintValidator<InCalendarRange, LocalDate> {
        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return CalendarRange.problem(value).isEmpty();
        }
    }
}

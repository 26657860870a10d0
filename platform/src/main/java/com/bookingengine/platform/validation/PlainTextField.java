package com.bookingengine.platform.validation;

import com.bookingengine.api.common.PlainText;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request text field holds {@link PlainText}: no control characters, no unpaired surrogates, at most
 * {@link #max()} characters (limits in {@code InputLimits}). Null is valid: {@code @NotBlank} says when it is not.
 */
@Documented
@Constraint(validatedBy = PlainTextField.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainTextField {

    int max();

    String message() default "must be plain text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainTextField, String> {

        private int max;

        @Override
        public void initialize(PlainTextField annotation) {
            max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return PlainText.problem(value, max).map(problem -> {
                context.disableDefaultConstraintViolation();
                // the problem is plain text of our own making, but may quote a '{': escape for message interpolation
                context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("$", "\\$"))
                        .addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}

package com.bookingengine.platform.validation;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator Spring MVC checks requests with asks no JPA questions and still checks every nested field. */
class RequestValidationConfigurationTest {

    record Contact(@NotBlank String firstName, @Email String email) {
    }

    record Body(@NotBlank String serviceId, @Valid Contact contact, List<@Valid Contact> guests) {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(RequestValidationConfiguration.class);

    @Test
    void theApplicationsValidatorTakesEveryPropertyAsReachableWithoutAskingJpa() {
        context.run(app -> {
            // JPA (Hibernate ORM) is on this module's classpath: without the customizer the resolver would be JPA's
            ValidatorFactory factory = app.getBean(ValidatorFactory.class);
            assertThat(factory.getTraversableResolver())
                    .isInstanceOf(RequestValidationConfiguration.EveryPropertyReachable.class);
        });
    }

    @Test
    void nestedFieldsAndListElementsAreStillValidatedAndNamed() {
        context.run(app -> {
            Validator validator = app.getBean(Validator.class);
            Body body = new Body("", new Contact("Ada", "not-an-email"),
                    List.of(new Contact("Grace", "grace@example.com"), new Contact(" ", "x@example.com")));

            Set<ConstraintViolation<Body>> violations = validator.validate(body);

            assertThat(violations).extracting(v -> v.getPropertyPath().toString())
                    .containsExactlyInAnyOrder("serviceId", "contact.email", "guests[1].firstName");
        });
    }

    @Test
    void aValidBodyHasNoViolations() {
        context.run(app -> {
            Validator validator = app.getBean(Validator.class);
            Body body = new Body("yoga", new Contact("Ada", "ada@example.com"), List.of());

            assertThat(validator.validate(body)).isEmpty();
        });
    }
}

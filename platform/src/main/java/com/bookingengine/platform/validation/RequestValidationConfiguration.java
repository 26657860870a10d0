package com.bookingengine.platform.validation;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.annotation.ElementType;

/**
 * The validator Spring MVC checks request bodies and parameters with. With JPA on the classpath Hibernate Validator
 * asks JPA, for every property it visits, whether the property is loaded, so as not to fetch a lazy association;
 * what it validates here are request records that JPA never loads, and those questions were a visible share of a
 * request's CPU (docs/BENCHMARKS.md, "HTTP path: cost per request"). Hibernate's own checks of entities before they
 * are written use a validator of their own and keep JPA's resolver.
 */
@Configuration(proxyBeanMethods = false)
public class RequestValidationConfiguration {

    @Bean
    public ValidationConfigurationCustomizer everyPropertyReachable() {
        return configuration -> {
            configuration.traversableResolver(new EveryPropertyReachable());
            // an answer that is always true needs no per-validation cache of answers (a map for every request)
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                hibernate.enableTraversableResolverResultCache(false);
            }
        };
    }

    /** Every property may be read and cascaded into: request records hold their values, nothing loads lazily. */
    static final class EveryPropertyReachable implements TraversableResolver {

        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToBean,
                                   ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToBean,
                                    ElementType elementType) {
            return true;
        }
    }
}

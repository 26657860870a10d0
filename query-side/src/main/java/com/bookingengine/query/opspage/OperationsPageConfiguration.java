package com.bookingengine.query.opspage;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the operations page's response headers (the page's files themselves are static resources). */
@Configuration(proxyBeanMethods = false)
class OperationsPageConfiguration {

    @Bean
    FilterRegistrationBean<OperationsPageHeaders> operationsPageHeaders() {
        FilterRegistrationBean<OperationsPageHeaders> registration =
                new FilterRegistrationBean<>(new OperationsPageHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}

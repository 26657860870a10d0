package com.bookingengine.query;

import com.bookingengine.platform.jpa.JsonParameters;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * Everything the query side contributes to an application: projections, their tables, query handlers and
 * query endpoints. Imported by {@link QuerySideApplication} and by the standalone jar.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class QuerySideConfiguration {

    /** The read models' JSON columns in plain JDBC statements, as Hibernate writes and reads them: one instance. */
    @Bean
    JsonParameters jsonParameters() {
        return new JsonParameters();
    }
}

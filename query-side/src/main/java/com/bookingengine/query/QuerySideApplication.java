package com.bookingengine.query;

import com.bookingengine.platform.BookingEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/** The query side on its own: projections, query handlers and the query REST API. */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        BookingEngine.disableUpdateChecker();
        SpringApplication app = new SpringApplication(QuerySideApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", "query-side"));
        app.run(args);
    }
}

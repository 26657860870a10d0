package com.bookingengine.command;

import com.bookingengine.platform.BookingEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/** The command side on its own: aggregates, command handlers and the command REST API. */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        BookingEngine.disableUpdateChecker();
        SpringApplication app = new SpringApplication(CommandSideApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", "command-side"));
        app.run(args);
    }
}

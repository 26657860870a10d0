package com.bookingengine.standalone;

import com.bookingengine.command.CommandSideConfiguration;
import com.bookingengine.platform.BookingEngine;
import com.bookingengine.query.QuerySideConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Both sides in one JVM on the embedded, file-backed store under {@code ./data}: the engine's default way to run.
 */
@SpringBootApplication
@Import({CommandSideConfiguration.class, QuerySideConfiguration.class})
public class StandaloneApplication {

    public static void main(String[] args) {
        BookingEngine.disableUpdateChecker();
        SpringApplication.run(StandaloneApplication.class, args);
    }
}

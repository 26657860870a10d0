package com.bookingengine.standalone;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

/** Starts real engine instances, each a full Spring context with its own Axon configuration and HTTP port. */
final class Nodes {

    static {
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    private Nodes() {
    }

    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("server.port", 0);
        // As command-line arguments, so they win over application.yml like an operator's flags would.
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(StandaloneApplication.class).run(args);
    }

    static Api api(ConfigurableApplicationContext node) {
        return new Api(node.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}

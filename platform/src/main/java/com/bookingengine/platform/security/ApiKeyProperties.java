package com.bookingengine.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Set;

/**
 * API keys this engine accepts: {@code booking.security.api-keys[i].key|name|roles}. The name is the actor
 * recorded on every event the key causes.
 */
@ConfigurationProperties(prefix = "booking.security")
public record ApiKeyProperties(List<ApiKey> apiKeys) {

    public ApiKeyProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    public record ApiKey(String key, String name, Set<Role> roles) {
    }
}

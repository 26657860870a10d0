package com.bookingengine.standalone;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only the embedded default ships development keys; any other profile refuses to start without its own. */
class ApiKeyConfigurationTest {

    @Test
    void anotherProfileWithoutKeysRefusesToStart() {
        assertThatThrownBy(() -> Nodes.start(Map.of(
                "spring.profiles.active", "production",
                "spring.datasource.url", "jdbc:h2:mem:nokeys;DB_CLOSE_DELAY=-1",
                "axon.axonserver.enabled", "false")))
                .hasStackTraceContaining("No API keys configured");
    }

    @Test
    void configuredKeysReplaceTheDevelopmentKeys() {
        try (var node = Nodes.start(Map.of(
                "spring.profiles.active", "production",
                "spring.datasource.url", "jdbc:h2:mem:ownkeys;DB_CLOSE_DELAY=-1",
                "axon.axonserver.enabled", "false",
                "booking.security.api-keys[0].key", "s3cret-owner-key",
                "booking.security.api-keys[0].name", "front-desk",
                "booking.security.api-keys[0].roles", "OWNER"))) {
            Api api = Nodes.api(node);
            assertThat(api.get("s3cret-owner-key", "/services").status()).isEqualTo(200);
            assertThat(api.get(Api.OWNER, "/services").status()).isEqualTo(401);
        }
    }
}

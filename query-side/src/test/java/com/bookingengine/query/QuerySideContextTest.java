package com.bookingengine.query;

import com.bookingengine.platform.security.ApiKeyProperties;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The context the projection tests run in is the query side's embedded default, on a private in-memory H2. */
class QuerySideContextTest extends ProjectionTestSupport {

    @Autowired
    private Environment environment;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private ApiKeyProperties apiKeys;

    @Test
    void startsTheEmbeddedProfileOnH2WithTheDevelopmentKeys() throws SQLException {
        assertThat(environment.getActiveProfiles()).isEmpty();
        assertThat(environment.getDefaultProfiles()).containsExactly("embedded");
        assertThat(environment.getProperty("spring.application.name")).isEqualTo("booking-query-side");
        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("false");
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("H2");
            assertThat(connection.getMetaData().getURL()).isEqualTo("jdbc:h2:mem:query-projections");
        }
        assertThat(apiKeys.apiKeys()).extracting(ApiKeyProperties.ApiKey::key)
                .containsExactlyInAnyOrder("dev-owner", "dev-booker", "dev-payments", "dev-auditor", "dev-operator");
        assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
        for (String group : ALL_GROUPS) {
            assertThat(processor(group)).as(group).isInstanceOf(TrackingEventProcessor.class);
            assertThat(processor(group).getName()).isEqualTo(group);
        }
    }
}

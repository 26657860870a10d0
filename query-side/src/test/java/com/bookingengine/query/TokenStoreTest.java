package com.bookingengine.query;

import com.bookingengine.platform.jpa.DirectUpdateTokenStore;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The projections' positions as the query side stores them (H2 here; PostgresProfileTest runs the projections on PostgreSQL). */
class TokenStoreTest extends ProjectionTestSupport {

    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Serializer serializer;
    @Autowired
    EntityManagerProvider entityManagers;
    @Autowired
    DataSource dataSource;

    private final String processor = "token-test-" + UUID.randomUUID();

    @Test
    void aStoredPositionIsWhatTheOwnerFetchesNext() {
        claimOneSegment();

        Instant before = Instant.now();
        transactions.executeWithoutResult(status -> tokenStore.storeToken(new GlobalSequenceTrackingToken(42), processor, 0));

        assertThat(stored())
                .isEqualTo(new GlobalSequenceTrackingToken(42));
        assertThat(tokenStore).isInstanceOf(DirectUpdateTokenStore.class);
        // the row's time of storing is Axon's text, as its TokenEntry writes and reads it
        String timestamp = jdbc.queryForObject(
                "select timestamp from token_entry where processor_name = ? and segment = 0", String.class, processor);
        Instant storedAt = DateTimeUtils.parseInstant(timestamp);
        assertThat(timestamp).isEqualTo(DateTimeUtils.formatInstant(storedAt));
        assertThat(storedAt).isBetween(before.truncatedTo(ChronoUnit.MILLIS), Instant.now());
    }

    @Test
    void aPositionStoredInABatchThatRollsBackIsNotStored() {
        claimOneSegment();
        transactions.executeWithoutResult(status -> tokenStore.storeToken(new GlobalSequenceTrackingToken(7), processor, 0));

        transactions.executeWithoutResult(status -> {
            tokenStore.storeToken(new GlobalSequenceTrackingToken(8), processor, 0);
            status.setRollbackOnly();
        });

        assertThat(stored())
                .isEqualTo(new GlobalSequenceTrackingToken(7));
    }

    @Test
    void aNodeThatDoesNotOwnTheSegmentCannotMoveItsPosition() {
        claimOneSegment();
        transactions.executeWithoutResult(status -> tokenStore.storeToken(new GlobalSequenceTrackingToken(3), processor, 0));
        TokenStore otherNode = new DirectUpdateTokenStore(JpaTokenStore.builder().entityManagerProvider(entityManagers)
                .claimTimeout(Duration.ofSeconds(10)), serializer, "other-node", new JdbcTemplate(dataSource));

        assertThatThrownBy(() -> transactions.executeWithoutResult(
                status -> otherNode.storeToken(new GlobalSequenceTrackingToken(99), processor, 0)))
                .isInstanceOf(UnableToClaimTokenException.class);

        Map<String, Object> row = jdbc.queryForMap(
                "select owner from token_entry where processor_name = ? and segment = 0", processor);
        assertThat(row.get("owner")).isNotEqualTo("other-node");
        assertThat(stored())
                .isEqualTo(new GlobalSequenceTrackingToken(3));
    }

    private TrackingToken stored() {
        return transactions.execute(status -> tokenStore.fetchToken(processor, 0));
    }

    private void claimOneSegment() {
        transactions.executeWithoutResult(status -> tokenStore.initializeTokenSegments(processor, 1));
        transactions.executeWithoutResult(status -> tokenStore.fetchToken(processor, 0));
    }
}

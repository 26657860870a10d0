package com.bookingengine.platform.jpa;

import com.bookingengine.platform.postgres.StoredTimestamps;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.TokenEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.annotation.Nonnull;
import javax.annotation.Nullable;

/**
 * Axon's JPA token store, storing a processor's position with one prepared {@code UPDATE} instead of Axon's JPQL
 * bulk update. Hibernate translated that JPQL statement into SQL again at every call: 7 % of the standalone engine's
 * CPU under 16 booking clients on PostgreSQL, where every batch of every projection stores its token
 * (docs/BENCHMARKS.md, "Token updates by JDBC"). The statement is the one Hibernate sends, run on the connection of
 * the transaction the processor's batch runs in, so the token still moves with the batch's read-model changes.
 * <p>
 * When no row is updated (this node does not own the segment) Axon's own path runs: it loads the entry under a lock
 * and refuses with {@code UnableToClaimTokenException} when another node holds the claim. Claims, releases, resets and
 * reads stay Axon's.
 */
public class DirectUpdateTokenStore extends JpaTokenStore {

    private static final String UPDATE = "update token_entry set token = ?, token_type = ?, timestamp = ?"
            + " where owner = ? and processor_name = ? and segment = ?";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String nodeId;

    /**
     * @param builder    Axon's builder, with the serializer and node id given here
     * @param serializer the tokens' serializer (as given to the builder)
     * @param nodeId     this node's claim name (as given to the builder)
     * @param jdbc       over the data source the entity manager uses
     */
    public DirectUpdateTokenStore(Builder builder, Serializer serializer, String nodeId, JdbcTemplate jdbc) {
        super(builder.serializer(serializer).nodeId(nodeId));
        this.serializer = serializer;
        this.nodeId = nodeId;
        this.jdbc = jdbc;
    }

    /**
     * The row Axon's {@link TokenEntry} would write (the token serialized, its type's name, Axon's timestamp text of
     * now), without making the entry: its timestamp goes through a {@code DateTimeFormatter}, 4 % of a loaded query
     * node's samples (docs/BENCHMARKS.md), where {@link StoredTimestamps} writes the same text directly.
     */
    @Override
    public void storeToken(@Nullable TrackingToken token, @Nonnull String processorName, int segment) {
        SerializedObject<byte[]> serialized = token == null ? null : serializer.serialize(token, byte[].class);
        int updated = jdbc.update(UPDATE,
                serialized == null ? null : serialized.getData(),
                serialized == null ? null : serialized.getType().getName(),
                StoredTimestamps.format(TokenEntry.clock.instant()), nodeId, processorName, segment);
        if (updated == 0) {
            super.storeToken(token, processorName, segment);
        }
    }
}

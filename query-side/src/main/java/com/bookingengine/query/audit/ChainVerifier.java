package com.bookingengine.query.audit;

import com.bookingengine.platform.audit.EventHash;
import com.bookingengine.platform.axon.AxonMessagingConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Recomputes the hash chain from the rows of Axon's event table exactly as stored (docs/AUDIT.md), so a change
 * made directly in the database shows up as the first broken link.
 */
@Component
public class ChainVerifier {

    private static final String COLUMNS = "select aggregate_identifier, sequence_number, event_identifier, time_stamp, "
            + "payload_type, payload_revision, payload, meta_data, global_index from domain_event_entry ";

    private final JdbcTemplate jdbc;
    private final boolean eventsInThisDatabase;
    private final ObjectMapper json = new ObjectMapper();

    ChainVerifier(JdbcTemplate jdbc, ObjectProvider<EventStorageEngine> storage) {
        this.jdbc = jdbc;
        // With Axon Server the events live there, not in this database's event table.
        this.eventsInThisDatabase = storage.getIfAvailable() != null;
    }

    /** Whether this node can see the stored rows the chain is computed over. */
    public boolean available() {
        return eventsInThisDatabase;
    }

    /** Where the chain breaks, if it does: the first event whose stored hash is not the one its content gives. */
    public record BrokenLink(String aggregateId, long sequence, long position, String reason) {
    }

    public record Verdict(boolean valid, long checked, BrokenLink firstBroken) {
    }

    public Verdict verifyAggregate(String aggregateId) {
        Walker walker = new Walker();
        jdbc.query(COLUMNS + "where aggregate_identifier = ? order by sequence_number", walker, aggregateId);
        return walker.verdict();
    }

    public Verdict verifyAll() {
        Walker walker = new Walker();
        jdbc.query(con -> {
            var statement = con.prepareStatement(COLUMNS + "order by aggregate_identifier, sequence_number");
            statement.setFetchSize(500);
            return statement;
        }, walker);
        return walker.verdict();
    }

    private final class Walker implements RowCallbackHandler {
        private String aggregate;
        private String previousHash;
        private long expectedSequence;
        private long checked;
        private BrokenLink broken;

        @Override
        public void processRow(ResultSet row) throws SQLException {
            if (broken != null) {
                return;
            }
            String aggregateId = row.getString(1);
            long sequence = row.getLong(2);
            if (!aggregateId.equals(aggregate)) {
                aggregate = aggregateId;
                previousHash = "";
                expectedSequence = 0;
            }
            checked++;
            long position = row.getLong(9);
            if (sequence != expectedSequence) {
                broken = new BrokenLink(aggregateId, sequence, position,
                        "sequence " + expectedSequence + " is missing");
                return;
            }
            JsonNode metaData = metaData(row.getBytes(8));
            String stored = text(metaData, EventHash.KEY);
            String computed = EventHash.of(previousHash, aggregateId, sequence, row.getString(3), row.getString(4),
                    row.getString(5), row.getString(6), row.getBytes(7),
                    text(metaData, AxonMessagingConfiguration.ACTOR),
                    text(metaData, AxonMessagingConfiguration.CORRELATION_ID),
                    text(metaData, AxonMessagingConfiguration.CAUSATION_ID));
            if (stored == null) {
                broken = new BrokenLink(aggregateId, sequence, position, "the event carries no hash");
            } else if (!Objects.equals(stored, computed)) {
                broken = new BrokenLink(aggregateId, sequence, position,
                        "stored hash does not match the event's content or its predecessor");
            }
            previousHash = stored;
            expectedSequence++;
        }

        Verdict verdict() {
            return new Verdict(broken == null, checked, broken);
        }

        private JsonNode metaData(byte[] bytes) {
            try {
                return bytes == null ? json.createObjectNode() : json.readTree(bytes);
            } catch (IOException e) {
                return json.createObjectNode();
            }
        }

        private String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }
}

package com.bookingengine.platform.upcasting;

import com.bookingengine.api.booking.BookingCanceledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link BookingCanceledEvent} revision 1 → 2: the field {@code canceledBy} is now {@code requestedBy} (same values,
 * {@code CUSTOMER | OWNER}, the name {@code CancelBookingCommand} uses).
 * <p>
 * Stored events are never rewritten: this runs on every read of a revision-1 event (aggregate loading, projections,
 * replays, history). The engine's Jackson mapper ignores unknown properties, so without this upcaster an old event
 * would not fail but silently read back with {@code requestedBy == null}.
 */
public class BookingCanceledEventUpcaster extends SingleEventUpcaster {

    static final String TYPE = BookingCanceledEvent.class.getName();
    static final String OLD_FIELD = "canceledBy";
    static final String NEW_FIELD = "requestedBy";

    private static final SerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        // An event written before the type carried @Revision has none: it has the revision-1 shape.
        return TYPE.equals(type.getName()) && (type.getRevision() == null || "1".equals(type.getRevision()));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, BookingCanceledEventUpcaster::renameField);
    }

    static JsonNode renameField(JsonNode payload) {
        if (!(payload instanceof ObjectNode object) || !object.has(OLD_FIELD)) {
            return payload;
        }
        ObjectNode upcast = object.deepCopy();
        JsonNode requester = upcast.remove(OLD_FIELD);
        if (!upcast.has(NEW_FIELD)) {
            upcast.set(NEW_FIELD, requester);
        }
        return upcast;
    }
}

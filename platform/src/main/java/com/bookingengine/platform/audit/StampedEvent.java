package com.bookingengine.platform.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * A domain event with its {@link EventHash} added to its metadata, which hands out the payload bytes the hash was
 * computed over when the event store serializes it with the same serializer. So the stored payload is exactly the
 * hashed one, and it is serialized once per append, not twice. Any further copy of it (new metadata) is a plain
 * Axon message again and serializes its payload itself.
 */
final class StampedEvent<T> extends GenericDomainEventMessage<T> {

    private final transient Serializer serializer;
    private final transient SerializedObject<byte[]> payload;

    StampedEvent(DomainEventMessage<T> event, String hash, Serializer serializer, SerializedObject<byte[]> payload) {
        super(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(), event.getPayload(),
                event.getMetaData().and(EventHash.KEY, hash), event.getIdentifier(), event.getTimestamp());
        this.serializer = serializer;
        this.payload = payload;
    }

    @Override
    public <S> SerializedObject<S> serializePayload(Serializer serializer, Class<S> expectedRepresentation) {
        if (serializer == this.serializer && this.payload != null) {
            return serializer.getConverter().convert(payload, expectedRepresentation);
        }
        return super.serializePayload(serializer, expectedRepresentation);
    }
}

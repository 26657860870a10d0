package com.bookingengine.platform.axon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import org.axonframework.messaging.MetaData;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a message's metadata as Axon's {@code MetaDataDeserializer} does (a JSON object into a {@code Map<String,
 * Object>}), but looks the map deserializer up once instead of for every message: the lookup, not the reading, was
 * most of the metadata's cost, and every projection reads the metadata of every event it handles (Axon asks it for
 * the correlation data of each handled event). Registered on the engine's serializers after Axon's own module, so it
 * is the one Jackson uses.
 */
final class MetaDataReader extends JsonDeserializer<MetaData> {

    /** The same for every call on one mapper; a race only looks it up twice. */
    private volatile JsonDeserializer<Object> maps;

    @Override
    @SuppressWarnings("unchecked")
    public MetaData deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonDeserializer<Object> deserializer = maps;
        if (deserializer == null) {
            deserializer = context.findRootValueDeserializer(
                    context.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
            maps = deserializer;
        }
        return MetaData.from((Map<String, ?>) deserializer.deserialize(parser, context, new HashMap<String, Object>()));
    }

    @Override
    public Object deserializeWithType(JsonParser parser, DeserializationContext context,
                                      TypeDeserializer typeDeserializer) throws IOException {
        return typeDeserializer.deserializeTypedFromObject(parser, context);
    }
}

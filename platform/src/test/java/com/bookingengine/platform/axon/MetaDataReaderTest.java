package com.bookingengine.platform.axon;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's serializers read metadata with {@link MetaDataReader}, into what Axon's own reader makes of it. */
class MetaDataReaderTest {

    private final Serializer engine = new AxonMessagingConfiguration().eventSerializer();
    private final Serializer axon = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();

    @Test
    void metadataReadsBackAsAxonsOwnReaderReadsIt() {
        // given metadata as the engine stores it, with values of other kinds than text too
        MetaData written = MetaData.from(Map.of("actor", "dev-booker", "correlationId", "c-1", "causationId", "m-1",
                "hash", "ab12", "attempt", 3, "flags", List.of("a", "b"), "nested", Map.of("k", 1.5)));
        SerializedObject<byte[]> stored = engine.serialize(written, byte[].class);

        // when read back twice (the second read uses what the first looked up)
        MetaData first = engine.deserialize(stored);
        MetaData second = engine.deserialize(stored);

        // then both equal what Axon's reader makes of the same bytes, and what was written
        MetaData byAxon = axon.deserialize(stored);
        assertThat(first).isEqualTo(byAxon).isEqualTo(written);
        assertThat(second).isEqualTo(byAxon);
    }

    @Test
    void theEnginesSerializerUsesTheCachingReader() throws Exception {
        ObjectMapper mapper = ((JacksonSerializer) engine).getObjectMapper();
        DeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, mapper.getInjectableValues());
        assertThat(context.findRootValueDeserializer(mapper.constructType(MetaData.class)))
                .isInstanceOf(MetaDataReader.class);
    }
}

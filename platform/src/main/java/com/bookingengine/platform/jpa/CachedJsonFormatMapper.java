package com.bookingengine.platform.jpa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.hibernate.type.format.AbstractJsonFormatMapper;

import java.lang.reflect.Type;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How Hibernate writes and reads the read models' JSON columns ({@code hibernate.type.json_format_mapper}): the JSON
 * of Hibernate's default Jackson mapper (the same {@code ObjectMapper} configuration), with one reader and one writer
 * per column type kept instead of made for every value. Making them was most of what a JSON column cost a projection
 * (docs/BENCHMARKS.md, "Projections and replay: cost per event").
 */
public final class CachedJsonFormatMapper extends AbstractJsonFormatMapper {

    /** As Hibernate's {@code JacksonJsonFormatMapper} makes its mapper. */
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final ConcurrentMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();
    private final ConcurrentMap<Type, ObjectWriter> writers = new ConcurrentHashMap<>();

    @Override
    protected <T> T fromString(CharSequence json, Type type) {
        try {
            return readers.computeIfAbsent(type, t -> mapper.readerFor(mapper.constructType(t)))
                    .readValue(json.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Could not deserialize string to java type: " + type, e);
        }
    }

    /** The value Hibernate reads from {@code json} in a column of {@code type}. */
    public <T> T read(String json, Type type) {
        return fromString(json, type);
    }

    /** The JSON text Hibernate writes for {@code value} in a column of {@code type}. */
    public String write(Object value, Type type) {
        return toString(value, type);
    }

    @Override
    protected <T> String toString(T value, Type type) {
        try {
            return writers.computeIfAbsent(type, t -> mapper.writerFor(mapper.constructType(t)))
                    .writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Could not serialize object of java type: " + type, e);
        }
    }
}

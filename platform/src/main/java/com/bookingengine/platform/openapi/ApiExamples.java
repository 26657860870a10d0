package com.bookingengine.platform.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Examples and words for the API description, kept as JSON next to the controllers they describe: every jar's
 * {@code openapi/examples/*.json} (the command side's for commands, the query side's for queries). Each file maps an
 * operation, {@code "METHOD /path/{template}"} as the description spells it, to
 * <pre>{@code {"summary": "...", "description": "...",
 *  "request":   {"<example name>": <body>, ...},
 *  "responses": {"<status>": {"<example name>": <body>, ...}, ...}}}</pre>
 * every part optional ({@code "204": {}} names a success answered without a body). Adding an example is adding an
 * entry; a test checks each against its schema.
 */
public final class ApiExamples {

    public static final String LOCATION = "classpath*:openapi/examples/*.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ObjectNode> byOperation;

    private ApiExamples(Map<String, ObjectNode> byOperation) {
        this.byOperation = byOperation;
    }

    public static ApiExamples load(ResourcePatternResolver resolver) {
        Map<String, ObjectNode> all = new LinkedHashMap<>();
        try {
            for (Resource file : resolver.getResources(LOCATION)) {
                try (InputStream in = file.getInputStream()) {
                    JsonNode tree = JSON.readTree(in);
                    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> entry = it.next();
                        String key = normalized(entry.getKey());
                        if (!(entry.getValue() instanceof ObjectNode examples)) {
                            throw new IllegalStateException(file + ": '" + entry.getKey() + "' is not an object");
                        }
                        if (all.put(key, examples) != null) {
                            throw new IllegalStateException("Examples for '" + key + "' given twice (" + file + ")");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the API examples (" + LOCATION + ")", e);
        }
        return new ApiExamples(all);
    }

    /** {@code "post  /api/v1/x"} as {@code "POST /api/v1/x"}. */
    static String normalized(String key) {
        String[] parts = key.trim().split("\\s+", 2);
        if (parts.length != 2) {
            throw new IllegalStateException("An examples key is 'METHOD /path', not '" + key + "'");
        }
        return parts[0].toUpperCase() + " " + parts[1];
    }

    Map<String, ObjectNode> byOperation() {
        return byOperation;
    }

    /** A JSON value as the description's model holds it (maps, lists, strings, numbers, booleans). */
    static Object value(JsonNode node) {
        return JSON.convertValue(node, Object.class);
    }
}

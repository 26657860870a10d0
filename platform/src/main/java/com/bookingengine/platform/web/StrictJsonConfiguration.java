package com.bookingengine.platform.web;

import com.bookingengine.platform.error.InvalidInputException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Request bodies are read strictly (SPEC §4, "Input is strict, never reinterpreted"): a key sent twice, content
 * after the document, a fraction for a whole number, a number or boolean for a string (or the other way round), a
 * number for an enum constant, an epoch number for a date (also as digits in a string), an enum name or a date with
 * white space or control characters around it (Jackson would trim them off), a body that is not valid UTF-8 (Jackson
 * would read an overlong {@code C0 AF} as {@code /}), or a number literal of more than
 * {@value #MAX_NUMBER_LENGTH} characters is a 400, never a guess. Only Spring's web mapper is configured: Axon's serializer has a mapper of its own
 * ({@code AxonMessagingConfiguration}) that must keep reading stored events as they are.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonConfiguration implements WebMvcConfigurer {

    /** Longest number literal read; whole numbers and money amounts here need far fewer characters. */
    static final int MAX_NUMBER_LENGTH = 100;

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .postConfigurer(StrictJsonConfiguration::strict);
    }

    static void strict(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH).build());
        // a number or boolean where text is expected is refused rather than turned into its text
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("strict-java-time").setDeserializerModifier(new TextOnlyJavaTime()));
        mapper.registerModule(new SimpleModule("strict-enums").setDeserializerModifier(new ExactEnumNames()));
    }

    /** Bodies go through a converter that names the field of a parse-level refusal (a duplicate key). */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.replaceAll(converter -> converter.getClass() == MappingJackson2HttpMessageConverter.class
                ? new StrictJsonConverter(((MappingJackson2HttpMessageConverter) converter).getObjectMapper())
                : converter);
    }

    /**
     * Dates, times and instants only as ISO-8601 text: Jackson would otherwise read a number as epoch seconds, and
     * {@code 1e10000000} as 1970-01-01.
     */
    private static final class TextOnlyJavaTime extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            return description.getBeanClass().getPackageName().equals("java.time")
                    ? new TextOnly(deserializer) : deserializer;
        }
    }

    private static final class TextOnly extends DelegatingDeserializer {

        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            // Jackson reads "1900000000" (and "1900000000.5") as epoch seconds and trims what surrounds the text
            String text = p.getText();
            if (!text.equals(text.trim()) || EPOCH_TEXT.matcher(text).matches()) {
                return ctxt.handleWeirdStringValue(handledType(), text, "not an ISO-8601 text");
            }
            return super.deserialize(p, ctxt);
        }
    }

    private static final Pattern EPOCH_TEXT = Pattern.compile("-?[0-9]+(\\.[0-9]*)?");

    /** An enum constant only by its exact name: Jackson would also take it with spaces or control characters around. */
    private static final class ExactEnumNames extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                          BeanDescription description, JsonDeserializer<?> deserializer) {
            return new Untrimmed(deserializer);
        }
    }

    private static final class Untrimmed extends DelegatingDeserializer {

        Untrimmed(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Untrimmed(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING) && !p.getText().equals(p.getText().trim())) {
                return ctxt.handleWeirdStringValue(handledType(), p.getText(), "not a constant's exact name");
            }
            return super.deserialize(p, ctxt);
        }
    }

    /**
     * Jackson's converter, with refusals the parser makes before any field is bound said in words: a duplicate key
     * names the key (with its path), trailing content and over-long numbers say what they are.
     */
    static final class StrictJsonConverter extends MappingJackson2HttpMessageConverter {

        StrictJsonConverter(ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        public Object read(Type type, Class<?> contextClass, HttpInputMessage input) throws IOException {
            try {
                return super.read(type, contextClass, utf8Checked(input));
            } catch (HttpMessageNotReadableException e) {
                throw explained(e);
            }
        }

        @Override
        protected Object readInternal(Class<?> clazz, HttpInputMessage input) throws IOException {
            try {
                return super.readInternal(clazz, utf8Checked(input));
            } catch (HttpMessageNotReadableException e) {
                throw explained(e);
            }
        }

        /**
         * The body, refused unless it is valid UTF-8 wherever Jackson would decode it as UTF-8 itself: its own decoder
         * takes overlong forms ({@code C0 AF} for {@code /}, {@code C0 80} for NUL) as the characters they spell.
         * Bodies declared in another charset, or that Jackson detects as UTF-16 or UTF-32, are read as before.
         */
        private static HttpInputMessage utf8Checked(HttpInputMessage input) throws IOException {
            MediaType type = input.getHeaders().getContentType();
            Charset declared = type == null ? null : type.getCharset();
            if (declared != null && !declared.name().startsWith("UTF-")) {
                return input;
            }
            long declaredLength = input.getHeaders().getContentLength();
            // With a declared length the body is read into an array of that size (readAllBytes starts from 8 KB)
            byte[] body = declaredLength >= 0 && declaredLength < Integer.MAX_VALUE
                    ? input.getBody().readNBytes((int) declaredLength) : input.getBody().readAllBytes();
            if (readAsUtf8(body) && !validUtf8(body)) {
                throw new InvalidInputException(null, "The body is not valid UTF-8");
            }
            return new HttpInputMessage() {
                @Override
                public InputStream getBody() {
                    return new ByteArrayInputStream(body);
                }

                @Override
                public HttpHeaders getHeaders() {
                    return input.getHeaders();
                }
            };
        }

        /** Whether {@code body} decodes as UTF-8, decoded a piece at a time rather than into a copy of its size. */
        private static boolean validUtf8(byte[] body) {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(body);
            CharBuffer out = CharBuffer.allocate(256);
            CoderResult result;
            do {
                out.clear();
                result = decoder.decode(in, out, true); // end of input: a truncated last character is malformed too
            } while (result.isOverflow());
            return !result.isError();
        }

        /** Whether Jackson's byte-source detection would take {@code body} as UTF-8: no UTF-16/32 BOM, no NUL up front. */
        private static boolean readAsUtf8(byte[] body) {
            if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                    || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
                return false;
            }
            for (int i = 0; i < Math.min(4, body.length); i++) {
                if (body[i] == 0) {
                    return false;
                }
            }
            return true;
        }

        private static RuntimeException explained(HttpMessageNotReadableException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof StreamReadException read && read.getProcessor() != null
                        && String.valueOf(read.getOriginalMessage()).startsWith("Duplicate field")) {
                    String field = path(read.getProcessor().getParsingContext());
                    return new InvalidInputException(field, "Field '" + field + "' appears more than once in the "
                            + "JSON body; send each field once");
                }
                if (t instanceof StreamConstraintsException) {
                    String field = e.getCause() instanceof JsonMappingException mapping ? path(mapping) : null;
                    if (String.valueOf(t.getMessage()).contains("nesting depth")) {
                        return new InvalidInputException(field, (field == null ? "The body" : "Field '" + field + "'")
                                + " nests arrays or objects deeper than " + StreamReadConstraints.DEFAULT_MAX_DEPTH
                                + " levels");
                    }
                    return new InvalidInputException(field, (field == null ? "A number" : "Field '" + field + "' has a "
                            + "number that") + " is longer than " + MAX_NUMBER_LENGTH + " characters");
                }
                if (t instanceof MismatchedInputException mismatch
                        && String.valueOf(mismatch.getOriginalMessage()).startsWith("Trailing token")) {
                    return new InvalidInputException(null, "The body must be one JSON document with nothing after it");
                }
            }
            return e;
        }

        /** {@code sessions[1].start}: the path of the field the parser stands on. */
        private static String path(JsonStreamContext context) {
            Deque<JsonStreamContext> chain = new ArrayDeque<>();
            for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                chain.push(c);
            }
            StringBuilder path = new StringBuilder();
            for (JsonStreamContext c : chain) {
                if (c.inArray()) {
                    path.append('[').append(Math.max(c.getCurrentIndex(), 0)).append(']');
                } else if (c.getCurrentName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(c.getCurrentName());
                }
            }
            return path.toString();
        }

        private static String path(JsonMappingException e) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path.isEmpty() ? null : path.toString();
        }
    }
}

package com.bookingengine.platform.jpa;

import com.bookingengine.api.common.ContactDetails;
import com.bookingengine.api.common.Money;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON columns read and write as with Hibernate's own Jackson mapper. */
class CachedJsonFormatMapperTest {

    record Columns(ContactDetails contact, Map<String, String> answers, Money price, Instant at, List<String> tags) {
    }

    private final CachedJsonFormatMapper cached = new CachedJsonFormatMapper();
    private final JacksonJsonFormatMapper hibernates = new JacksonJsonFormatMapper();

    @Test
    void valuesWriteAndReadBackAsWithHibernatesMapper() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("experience", "none");
        answers.put("notes", "bring a mat, \"please\"");
        Columns value = new Columns(new ContactDetails("c-1", "Ada", "Lovelace", "ada@example.com", "+44 20", null),
                answers, Money.of("18.50", "EUR"), Instant.parse("2031-06-01T08:00:00.123Z"),
                List.of("a", "b"));
        for (Object[] sample : new Object[][]{{value, Columns.class}, {answers, Map.class}, {value.contact(),
                ContactDetails.class}}) {
            Type type = (Type) sample[1];
            // twice: the second use takes the kept writer and reader
            for (int i = 0; i < 2; i++) {
                String json = cached.toString(sample[0], type);
                assertThat(json).isEqualTo(hibernates.toString(sample[0], type));
                Object read = cached.fromString(json, type);
                assertThat(read).isEqualTo(hibernates.<Object>fromString(json, type)).isEqualTo(sample[0]);
            }
        }
    }
}

package com.bookingengine.api.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainTextTest {

    @Test
    void readableTextUpToTheLimitIsPlain() {
        assertThat(PlainText.problem("Zoë Ångström-Łukasiewicz 李小龙", 100)).isEmpty();
        assertThat(PlainText.problem("Yoga \uD83E\uDDD8", 100)).isEmpty(); // a pair of surrogates: one character
        assertThat(PlainText.problem("x".repeat(100), 100)).isEmpty();
        assertThat(PlainText.problem(null, 1)).isEmpty();
        assertThat(PlainText.problem("", 1)).isEmpty();
    }

    @Test
    void controlCharactersAreRefused() {
        for (char c : new char[]{'\u0000', '\u0007', '\u001B', '\n', '\r', '\t', '\u007F', '\u0085', '\u009F'}) {
            assertThat(PlainText.problem("Ada" + c + "Lovelace", 100)).as("U+%04X", (int) c)
                    .hasValueSatisfying(problem -> assertThat(problem).contains("control"));
        }
    }

    @Test
    void halfACharacterIsRefused() {
        assertThat(PlainText.problem("a\uD800", 100)).hasValueSatisfying(p -> assertThat(p).contains("unpaired"));
        assertThat(PlainText.problem("\uDC00a", 100)).hasValueSatisfying(p -> assertThat(p).contains("unpaired"));
        assertThat(PlainText.problem("\uD800\uD800\uDC00", 100)).isPresent();
    }

    @Test
    void overLongTextIsRefusedNamingTheLimit() {
        assertThat(PlainText.problem("x".repeat(101), 100)).hasValue("must be at most 100 characters long, not 101");
        assertThatThrownBy(() -> PlainText.check("name", "x".repeat(201), InputLimits.SERVICE_NAME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name must be at most 200");
    }
}

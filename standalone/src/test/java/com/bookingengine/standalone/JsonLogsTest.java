package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON logs on request (SPEC §8): the one setting the README documents turns the engine's console output into one
 * JSON object a line. Its own class, because Boot sets up logging once per JVM while any engine runs: this engine
 * must be the only one started while it is up.
 */
@ExtendWith(SharedEngine.ClosedBefore.class) // before the capture starts: its shutdown lines are plain text
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theStructuredFormatSettingMakesEveryConsoleLineAnEcsJsonObject(CapturedOutput output) {
        // when the engine starts with LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs (here as the equivalent argument)
        try (ConfigurableApplicationContext node = Nodes.start(Map.of(
                "logging.structured.format.console", "ecs",
                "spring.datasource.url", "jdbc:h2:mem:json-logs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"))) {
            // then every line it wrote is a JSON object (no banner, no plain line), the start-up line among them
            List<JsonNode> lines = output.getOut().lines().filter(line -> !line.isBlank())
                    .map(JsonLogsTest::parse)
                    .toList();
            List<JsonNode> started = lines.stream()
                    .filter(line -> line.path("message").asText().startsWith("Started "))
                    .toList();
            assertThat(started).as(output.getOut()).hasSize(1);
            // with a timestamp, a level, the message and the service's name
            JsonNode line = started.get(0);
            assertThat(line.path("@timestamp").asText()).isNotBlank();
            assertThat(line.path("log").path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("service").path("name").asText()).isEqualTo("booking-engine");
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}

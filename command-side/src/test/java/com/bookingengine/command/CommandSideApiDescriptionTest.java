package com.bookingengine.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The command side on its own describes its commands, with their examples, and no queries. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {"spring.config.name=command-side",
                "spring.datasource.url=jdbc:h2:mem:command-api-description;DB_CLOSE_DELAY=-1"})
class CommandSideApiDescriptionTest {

    @Autowired
    private WebApplicationContext context;

    @Test
    void describesTheCommandsItServes() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
        String body = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        JsonNode paths = new ObjectMapper().readTree(body).path("paths");
        List<String> described = new ArrayList<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> described.add(m + " " + p.getKey())));
        assertThat(described).contains("post /api/v1/bookings", "post /api/v1/services",
                "post /api/v1/bookings/{bookingId}/confirm", "post /api/v1/coupons");
        assertThat(described).doesNotContain("get /api/v1/bookings", "get /api/v1/availability");
        JsonNode create = paths.path("/api/v1/bookings").path("post");
        assertThat(create.path("requestBody").path("content").path("application/json").path("examples").has("class")).isTrue();
        assertThat(create.path("responses").has("201")).isTrue();
        assertThat(create.path("x-roles").toString()).isEqualTo("[\"OWNER\",\"BOOKER\"]");
        // every command answer says where its events are; nothing here waits for a read model
        assertThat(create.path("responses").path("201").path("headers").has("X-Event-Position")).isTrue();
        assertThat(create.path("parameters").toString()).doesNotContain("X-Min-Position");
        assertThat(create.path("responses").has("503")).isFalse();
    }
}

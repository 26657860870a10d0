package com.bookingengine.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The query side on its own describes its queries, and only those (the command side describes the commands). */
class QuerySideApiDescriptionTest extends ProjectionTestSupport {

    @Autowired
    private WebApplicationContext context;

    @Test
    void describesTheQueriesItServes() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
        String body = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        JsonNode paths = new ObjectMapper().readTree(body).path("paths");
        List<String> described = new ArrayList<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> described.add(m + " " + p.getKey())));
        assertThat(described).contains("get /api/v1/bookings", "get /api/v1/availability",
                "get /api/v1/calendar/services/{serviceId}.ics", "get /api/v1/services/{serviceId}");
        assertThat(described).doesNotContain("post /api/v1/bookings", "post /api/v1/services");
        assertThat(paths.path("/api/v1/bookings").path("get").path("x-roles").toString()).isEqualTo("[\"OWNER\",\"AUDITOR\"]");
        // every query may wait for a command's position, and says what happens when it waits in vain
        JsonNode list = paths.path("/api/v1/bookings").path("get");
        assertThat(list.path("parameters").toString()).contains("\"name\":\"X-Min-Position\"");
        assertThat(list.path("responses").path("503").path("headers").has("Retry-After")).isTrue();
        assertThat(list.path("responses").path("200").path("headers").has("X-Event-Position")).isFalse();
        JsonNode stream = paths.path("/api/v1/stream/bookings").path("get");
        assertThat(stream.path("responses").path("200").path("content").has("text/event-stream")).isTrue();
        assertThat(stream.path("parameters").toString()).contains("\"name\":\"access_token\"");
    }
}

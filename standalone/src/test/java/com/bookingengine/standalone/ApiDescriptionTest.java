package com.bookingengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description at {@code /v3/api-docs} and Swagger UI: complete (every endpoint Spring MVC serves under
 * {@code /api/v1} is in it), truthful about roles (each operation's {@code x-roles} is what the security filter
 * lets through), and with examples that match their schemas.
 */
class ApiDescriptionTest extends EngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> KEYS = Map.of("OWNER", Api.OWNER, "BOOKER", Api.BOOKER,
            "PAYMENTS", Api.PAYMENTS, "AUDITOR", Api.AUDITOR, "OPERATOR", Api.OPERATOR);

    private static final HttpClient STATUS_ONLY = HttpClient.newHttpClient();

    private static JsonNode spec;

    @BeforeAll
    static void readTheDescription() throws Exception {
        HttpResponse<String> response = raw.send(raw.request("/v3/api-docs"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        spec = JSON.readTree(response.body());
        Files.writeString(Path.of("target", "openapi.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec));
    }

    @Test
    void theDescriptionAndSwaggerUiAnswerWithoutAKeyAndCallNothingOutside() {
        assertThat(spec.path("openapi").asText()).startsWith("3.1");
        JsonNode scheme = spec.path("components").path("securitySchemes").path("apiKey");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(spec.path("security").get(0).has("apiKey")).isTrue();

        HttpResponse<String> yaml = raw.send(raw.request("/v3/api-docs.yaml"));
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3.1");

        HttpResponse<String> ui = raw.send(raw.request("/swagger-ui.html"));
        assertThat(ui.statusCode()).isEqualTo(302);
        String location = ui.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = raw.send(raw.request(location.substring(location.indexOf("/swagger-ui/"))));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui").doesNotContain("https://", "http://");
        HttpResponse<String> config = raw.send(raw.request("/v3/api-docs/swagger-config"));
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"url\":\"/v3/api-docs\"").contains("\"validatorUrl\":\"none\"")
                .doesNotContain("petstore");
        HttpResponse<String> script = raw.send(raw.request("/swagger-ui/swagger-ui-bundle.js"));
        assertThat(script.statusCode()).isEqualTo(200);
    }

    @Test
    void everyEndpointUnderApiV1IsDescribed() {
        RequestMappingHandlerMapping mappings = engine.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/v1/") && !pattern.equals("/api/v1")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                (methods.isEmpty() ? Set.of(RequestMethod.values()) : methods)
                        .forEach(m -> served.add(m.name() + " " + path));
            }
        });
        assertThat(served).as("endpoints found").isNotEmpty().contains("GET /api/v1/calendar/services/{serviceId}.ics");
        assertThat(described()).containsAll(served);
        assertThat(served).containsAll(described());
    }

    @Test
    void eachOperationsRolesAreTheOnesTheSecurityFilterLetsThrough() {
        List<String> wrong = new ArrayList<>();
        operations((path, method, operation) -> {
            JsonNode roles = operation.path("x-roles");
            assertThat(roles.isArray()).as(method + " " + path + " has x-roles").isTrue();
            // no roles and no security requirement: open to anyone, so to every key too
            boolean open = roles.isEmpty() && operation.path("security").isArray() && operation.path("security").isEmpty();
            assertThat(operation.path("description").asText()).as(method + " " + path)
                    .startsWith(open ? "No API key needed." : "Roles: ");
            Set<String> allowed = new TreeSet<>(open ? KEYS.keySet() : Set.of());
            roles.forEach(r -> allowed.add(r.asText()));
            String concrete = path.replaceAll("\\{[^}]+}", "x");
            KEYS.forEach((role, key) -> {
                int status = status(raw.request(concrete).header("Authorization", "Bearer " + key)
                        .method(method.toUpperCase(), HttpRequest.BodyPublishers.noBody()));
                boolean let = status != 403 && status != 401;
                if (let != allowed.contains(role)) {
                    wrong.add(method + " " + path + " as " + role + ": " + status + ", x-roles " + allowed);
                }
            });
        });
        assertThat(wrong).isEmpty();
        JsonNode confirm = spec.path("paths").path("/api/v1/bookings/{bookingId}/confirm").path("post");
        assertThat(confirm.path("x-roles").toString()).isEqualTo("[\"OWNER\"]");
        JsonNode feed = spec.path("paths").path("/api/v1/calendar/services/{serviceId}.ics").path("get");
        assertThat(feed.path("x-roles").toString()).isEqualTo("[\"OWNER\"]");
    }

    @Test
    void refusalsAreProblemsWithFieldAndReason() {
        JsonNode problem = spec.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").has("field")).isTrue();
        assertThat(problem.path("properties").has("reason")).isTrue();
        assertThat(problem.path("properties").path("reason").path("description").asText()).contains("`capacity`");
        operations((path, method, operation) -> {
            JsonNode badInput = operation.path("responses").path("400").path("content").path("application/problem+json");
            assertThat(badInput.path("schema").path("$ref").asText()).as(method + " " + path)
                    .isEqualTo("#/components/schemas/Problem");
        });
    }

    @Test
    void everyExampleMatchesItsSchema() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        List<String> failures = new ArrayList<>();
        int[] checked = {0};
        operations((path, method, operation) -> {
            List<JsonNode> bodies = new ArrayList<>();
            bodies.add(operation.path("requestBody"));
            operation.path("responses").forEach(bodies::add);
            for (JsonNode body : bodies) {
                body.path("content").fields().forEachRemaining(media -> {
                    JsonNode schemaNode = media.getValue().path("schema");
                    List<JsonNode> examples = new ArrayList<>();
                    if (media.getValue().has("example")) {
                        examples.add(media.getValue().get("example"));
                    }
                    media.getValue().path("examples").forEach(e -> examples.add(e.path("value")));
                    if (examples.isEmpty()) {
                        return;
                    }
                    JsonSchema schema = factory.getSchema(strict(schemaNode), config);
                    for (JsonNode example : examples) {
                        checked[0]++;
                        Set<ValidationMessage> errors = schema.validate(example);
                        if (!errors.isEmpty()) {
                            failures.add(method + " " + path + " " + media.getKey() + ": " + errors + " in " + example);
                        }
                    }
                });
            }
        });
        assertThat(failures).isEmpty();
        assertThat(checked[0]).as("examples checked").isGreaterThan(20);
        // the sides' example files are read: commands from the command side's jar, queries from the query side's
        JsonNode create = spec.path("paths").path("/api/v1/bookings").path("post");
        assertThat(create.path("requestBody").path("content").path("application/json").path("examples")
                .path("class").path("value").path("serviceId").asText()).isEqualTo("yoga");
        assertThat(create.path("responses").path("201").path("content").path("application/json").path("examples")
                .has("pending")).isTrue();
        assertThat(spec.path("paths").path("/api/v1/calendar/services/{serviceId}.ics").path("get").path("responses")
                .path("200").path("content").path("text/calendar").path("examples").path("feed").path("value").asText())
                .startsWith("BEGIN:VCALENDAR");
        // an operation's own refusal examples replace the generic one
        assertThat(create.path("responses").path("409").path("content").path("application/problem+json")
                .path("examples").fieldNames()).toIterable().containsExactly("full");
    }

    /** The status alone: an endpoint that streams (server-sent events) answers its headers and is left at that. */
    private static int status(HttpRequest.Builder request) {
        try {
            HttpResponse<InputStream> response = STATUS_ONLY.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The media type's schema as a JSON Schema document holding the description's components (so {@code $ref}s
     * resolve), where an object lists every property it may have: a misspelt field in an example is an error.
     */
    private static JsonNode strict(JsonNode schema) {
        ObjectNode document = JSON.createObjectNode();
        document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        document.setAll((ObjectNode) schema.deepCopy());
        document.set("components", spec.path("components").deepCopy());
        closeObjects(document);
        return document;
    }

    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.has("unevaluatedProperties")) {
                object.put("additionalProperties", false);
            }
        }
        node.forEach(ApiDescriptionTest::closeObjects);
    }

    private static Set<String> described() {
        Set<String> described = new TreeSet<>();
        operations((path, method, operation) -> described.add(method.toUpperCase() + " " + path));
        return described;
    }

    private interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private static void operations(OperationVisitor visitor) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(op.getKey())) {
                    visitor.visit(path.getKey(), op.getKey(), op.getValue());
                }
            });
        }
    }
}

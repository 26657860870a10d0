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
import java.util.TreeMap;
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

    /**
     * No endpoint lands undocumented: every operation has a summary, and each success it answers with a body has an
     * example (a stream of server-sent events at least a description of its {@code event:}, {@code id:} and
     * {@code data:} lines); a success without a body is a 204.
     */
    @Test
    void everyOperationHasASummaryAndAnExampleOfItsSuccess() {
        List<String> missing = new ArrayList<>();
        operations((path, method, operation) -> {
            String name = method.toUpperCase() + " " + path;
            if (operation.path("summary").asText().isBlank()) {
                missing.add(name + ": no summary");
            }
            List<String> successes = new ArrayList<>();
            operation.path("responses").fields().forEachRemaining(response -> {
                if (!response.getKey().startsWith("2")) {
                    return;
                }
                successes.add(response.getKey());
                JsonNode content = response.getValue().path("content");
                if (content.isEmpty() && !response.getKey().equals("204")) {
                    missing.add(name + " " + response.getKey() + ": no body described (a success without one is 204)");
                }
                content.fields().forEachRemaining(media -> {
                    boolean example = media.getValue().has("example") || !media.getValue().path("examples").isEmpty();
                    String description = operation.path("description").asText();
                    boolean describedStream = media.getKey().equals("text/event-stream")
                            && description.contains("`event:") && description.contains("`id:`")
                            && description.contains("`data:`");
                    if (!example && !describedStream) {
                        missing.add(name + " " + response.getKey() + " " + media.getKey() + ": no example");
                    }
                });
            });
            if (successes.isEmpty()) {
                missing.add(name + ": no success response");
            }
        });
        assertThat(missing).isEmpty();
        JsonNode bookings = spec.path("paths").path("/api/v1/stream/bookings").path("get");
        assertThat(bookings.path("responses").path("200").path("content").fieldNames()).toIterable()
                .containsExactly("text/event-stream");
        assertThat(parameters(bookings)).contains("header Last-Event-ID", "query lastEventId", "query access_token");
        assertThat(spec.path("paths").path("/api/v1/webhooks/{webhookId}").path("delete").path("responses")
                .has("204")).isTrue();
    }

    /**
     * The read-your-writes headers on the operations that have them, by the side the handler belongs to (the
     * command side's answers carry {@code X-Event-Position}; the query side takes {@code X-Min-Position} and may
     * answer 503 with {@code Retry-After}), and a command's answer does carry the header it is documented with.
     */
    @Test
    void commandsDocumentTheirEventPositionAndQueriesTheMinimumPosition() {
        Map<String, String> sides = new TreeMap<>();
        engine.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                .forEach((info, method) -> info.getPatternValues().stream().filter(p -> p.startsWith("/api/v1/"))
                        .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> sides.put(
                                m.name() + " " + p, method.getBeanType().getPackageName()))));
        List<String> wrong = new ArrayList<>();
        int[] seen = {0, 0};
        operations((path, method, operation) -> {
            String name = method.toUpperCase() + " " + path;
            String side = sides.getOrDefault(name, "");
            boolean command = side.startsWith("com.bookingengine.command.");
            boolean query = side.startsWith("com.bookingengine.query.");
            if (!command && !query) {
                wrong.add(name + ": handled by neither side (" + side + ")");
            }
            seen[command ? 0 : 1]++;
            operation.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2")
                        && response.getValue().path("headers").has("X-Event-Position") != command) {
                    wrong.add(name + " " + response.getKey() + ": X-Event-Position " + (command ? "missing" : "documented"));
                }
            });
            if (parameters(operation).contains("header X-Min-Position") != query) {
                wrong.add(name + ": X-Min-Position " + (query ? "missing" : "documented"));
            }
            JsonNode unavailable = operation.path("responses").path("503");
            if (query && !(unavailable.path("headers").has("Retry-After") && unavailable.path("content")
                    .path("application/problem+json").path("schema").path("$ref").asText().endsWith("/Problem"))) {
                wrong.add(name + ": no 503 problem with Retry-After");
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(seen[0]).as("command operations").isGreaterThan(5);
        assertThat(seen[1]).as("query operations").isGreaterThan(5);

        HttpResponse<String> created = raw.send(raw.post(Api.OWNER, "/api/v1/coupons",
                Map.of("code", "DOC" + System.nanoTime(), "percentOff", 10)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(spec.path("paths").path("/api/v1/coupons").path("post").path("responses").path("201")
                .path("headers").has("X-Event-Position")).isTrue();
        assertThat(created.headers().firstValue("X-Event-Position")).isPresent();
    }

    private static List<String> parameters(JsonNode operation) {
        List<String> parameters = new ArrayList<>();
        operation.path("parameters").forEach(p -> parameters.add(p.path("in").asText() + " " + p.path("name").asText()));
        return parameters;
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

package com.bookingengine.platform.openapi;

import com.bookingengine.platform.security.AccessGrants;
import com.bookingengine.platform.security.QueryStringKey;
import com.bookingengine.platform.security.Role;
import com.bookingengine.platform.web.RuleProblems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What springdoc cannot read from the controllers, added to the description of every {@code /api/v1} operation:
 * <ul>
 *   <li>the roles that may call it: {@code x-roles} and the first line of its description, from {@link AccessGrants}
 *       (the rules the security filter enforces);</li>
 *   <li>the refusals it may answer, each {@code application/problem+json} of schema {@link #PROBLEM};</li>
 *   <li>on the live streams, the {@code access_token} parameter ({@link QueryStringKey});</li>
 *   <li>the summaries, descriptions and examples of {@link ApiExamples}.</li>
 * </ul>
 */
final class ApiDescription implements OpenApiCustomizer {

    static final String SECURITY_SCHEME = "apiKey";
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String ROLES_EXTENSION = "x-roles";
    /** The refusal example every operation gets; the operation's own examples of that status replace it. */
    static final String GENERIC_EXAMPLE = "problem";

    private static final Set<PathItem.HttpMethod> CHANGES = EnumSet.of(PathItem.HttpMethod.POST,
            PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    private final AccessGrants grants;
    private final ApiExamples examples;

    ApiDescription(AccessGrants grants, ApiExamples examples) {
        this.grants = grants;
        this.examples = examples;
    }

    @Override
    public void customise(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        Set<String> described = new HashSet<>();
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                String key = method.name() + " " + path;
                AccessGrants.Access access = grants.accessFor(HttpMethod.valueOf(method.name()), path)
                        .orElse(new AccessGrants.Access(EnumSet.allOf(Role.class), false));
                roles(operation, access);
                queryStringKey(operation, path);
                refusals(operation, method, path, access);
                ObjectNode words = examples.byOperation().get(key);
                if (words != null) {
                    apply(key, operation, words);
                    described.add(key);
                }
            }));
        }
        Set<String> unknown = new TreeSet<>(examples.byOperation().keySet());
        unknown.removeAll(described);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Examples name operations this API does not have: " + unknown
                    + " (" + ApiExamples.LOCATION + ")");
        }
    }

    private static void roles(Operation operation, AccessGrants.Access access) {
        List<String> roles = access.anyone() ? List.of()
                : access.roles().stream().map(Role::name).toList();
        operation.addExtension(ROLES_EXTENSION, roles);
        String who = access.anyone() ? "No API key needed."
                : access.roles().containsAll(EnumSet.allOf(Role.class)) ? "Roles: any API key."
                : "Roles: " + String.join(", ", roles) + ".";
        operation.setDescription(operation.getDescription() == null ? who : who + "\n\n" + operation.getDescription());
        if (access.anyone()) {
            operation.setSecurity(List.of());
        }
    }

    /** On the paths that take the API key as a query parameter too, that parameter. */
    private static void queryStringKey(Operation operation, String path) {
        if (QueryStringKey.allowedOn(path)) {
            operation.addParametersItem(new QueryParameter().name(QueryStringKey.PARAMETER).required(false)
                    .schema(typed("string")).description("The API key, for clients that cannot send "
                            + "`Authorization: Bearer <key>` (a browser's `EventSource`); only when that header is "
                            + "absent. Prefer the header wherever the client can set one."));
        }
    }

    /** The refusals an operation may answer; an operation that documents a status itself keeps its own. */
    private static void refusals(Operation operation, PathItem.HttpMethod method, String path,
                                 AccessGrants.Access access) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        refusal(responses, "400", "Bad input: `field` names the parameter or body field to blame",
                Map.of("status", 400, "title", "Bad Request", "detail", "Field 'participants' must be a whole number, got 'two'",
                        "field", "participants"));
        if (!access.anyone()) {
            refusal(responses, "401", "No API key, or one this engine does not know",
                    Map.of("status", 401, "title", "Unauthorized",
                            "detail", "Authentication required: Full authentication is required to access this resource"));
        }
        if (!access.anyone() && !access.roles().containsAll(EnumSet.allOf(Role.class))) {
            refusal(responses, "403", "The API key's roles do not allow this call",
                    Map.of("status", 403, "title", "Forbidden", "detail", "This API key's roles do not allow this call"));
        }
        if (path.contains("{")) {
            refusal(responses, "404", "What the path names does not exist",
                    Map.of("status", 404, "title", "Not Found", "detail", "Service yoga does not exist"));
        }
        if (CHANGES.contains(method)) {
            refusal(responses, "409", "A rule refused the change (nothing changed): `reason` says which",
                    Map.of("status", 409, "title", "Conflict", "detail", "Another change to the same booking, "
                            + "session or provider day won the race; read again and retry", "reason", "concurrency"));
        }
        refusal(responses, "500", "Unexpected failure: `incident` names the server log entry",
                Map.of("status", 500, "title", "Internal Server Error",
                        "detail", "Unexpected failure; the server log holds incident 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
                        "incident", "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"));
    }

    static void refusal(ApiResponses responses, String status, String description, Map<String, Object> example) {
        if (responses.containsKey(status)) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.putAll(example);
        responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                        .addExamples(GENERIC_EXAMPLE, new Example().value(body)))));
    }

    /** RFC 9457 problem details as this engine writes them (ProblemDetailsAdvice, RuleProblems, ProblemWriter). */
    static Schema<Object> problemSchema() {
        String reasons = RuleProblems.reasons().stream().collect(Collectors.joining("`, `", "`", "`"));
        Schema<Object> problem = typed("object").description("""
                        An RFC 9457 problem: every refusal, with a `detail` a person can act on (at most 300 characters).""");
        problem.addProperty("type", typed("string").description("A URI naming the kind of problem; `about:blank` here"));
        problem.addProperty("title", typed("string").description("The HTTP status's phrase"));
        problem.addProperty("status", typed("integer").format("int32").description("The HTTP status"));
        problem.addProperty("detail", typed("string").maxLength(300).description("What went wrong and what to do"));
        problem.addProperty("instance", typed("string").description("The path that was called"));
        problem.addProperty("field", typed("string").description(
                "The request field or parameter to blame, as the request spells it: `participants`, "
                        + "`payment.couponCode`, `sessions[1].end`, `page`"));
        problem.addProperty("reason", typed("string").description("A stable word for the rule that refused: " + reasons
                + ", `concurrency`"));
        problem.addProperty("incident", typed("string").description(
                "Only on 500: the id under which the server log holds the failure"));
        problem.addProperty("readModels", typed("array").items(typed("string")).description(
                "Only on 503 to a query sent with `X-Min-Position`: the read models (processors) it waited for"));
        problem.setRequired(new ArrayList<>(List.of("type", "title", "status", "detail")));
        return problem;
    }

    /** A schema of one JSON type, spelled for both OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}). */
    static <T> Schema<T> typed(String type) {
        Schema<T> schema = new Schema<>();
        schema.setType(type);
        schema.addType(type);
        return schema;
    }

    /** The summary, description and examples {@link ApiExamples} holds for one operation. */
    private static void apply(String key, Operation operation, ObjectNode words) {
        if (words.hasNonNull("summary")) {
            operation.setSummary(words.get("summary").asText());
        }
        if (words.hasNonNull("description")) {
            operation.setDescription(operation.getDescription() + "\n\n" + words.get("description").asText());
        }
        if (words.has("request")) {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                throw new IllegalStateException("Request examples for " + key + ", which takes no body");
            }
            operation.getRequestBody().getContent().values().forEach(media -> addExamples(media, words.get("request")));
        }
        if (words.has("responses")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = words.get("responses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                boolean noBody = entry.getValue().isEmpty();
                ApiResponse response = response(key, operation.getResponses(), entry.getKey(), noBody);
                if (!noBody) {
                    response.getContent().values().forEach(media -> addExamples(media, entry.getValue()));
                }
            }
        }
    }

    /**
     * The documented response of {@code status}. A success status the controller does not declare (201 from a
     * {@code ResponseEntity}) takes over the one success springdoc documents (200). An entry without examples
     * ({@code "204": {}}) names a status answered without a body.
     */
    private static ApiResponse response(String key, ApiResponses responses, String status, boolean noBody) {
        ApiResponse response = responses.get(status);
        if (response == null && status.startsWith("2")) {
            List<String> successes = responses.keySet().stream().filter(s -> s.startsWith("2")).toList();
            if (successes.size() == 1) {
                response = responses.remove(successes.get(0));
                if (response.getDescription() == null || response.getDescription().equals("OK")) {
                    response.setDescription(description(status));
                }
                if (noBody) {
                    response.setContent(null);
                }
                responses.addApiResponse(status, response);
            }
        }
        if (response == null || (response.getContent() == null) != noBody) {
            throw new IllegalStateException("Examples for " + key + " name status " + status + ", which it does not "
                    + (noBody ? "answer without a body" : "answer with a body"));
        }
        return response;
    }

    private static String description(String status) {
        return switch (status) {
            case "201" -> "Created";
            case "202" -> "Accepted";
            case "204" -> "No Content";
            default -> "Success";
        };
    }

    private static void addExamples(MediaType media, JsonNode named) {
        if (media.getExamples() != null) {
            media.getExamples().remove(GENERIC_EXAMPLE);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = named.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> example = it.next();
            media.addExamples(example.getKey(), new Example().value(ApiExamples.value(example.getValue())));
        }
    }
}

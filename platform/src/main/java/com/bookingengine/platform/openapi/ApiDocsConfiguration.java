package com.bookingengine.platform.openapi;

import com.bookingengine.platform.security.AccessGrants;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.math.BigDecimal;

/**
 * The OpenAPI 3 description ({@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui.html}) of whichever side runs:
 * springdoc reads the side's controllers, and {@link ApiDescription} adds what they do not say: the API-key scheme,
 * each operation's roles (from {@link AccessGrants}, the rules the security filter enforces), the problem+json
 * refusals, the read-your-writes headers ({@link ReadYourWritesDescription}), event streams as such
 * ({@link EventStreamDescription}), and the examples in {@code classpath*:openapi/examples/*.json} of every jar on the
 * class path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDocsConfiguration {

    /**
     * Amounts travel as decimal strings ({@code Money}'s {@code @JsonFormat(shape = STRING)}, which springdoc does not
     * read); a BigDecimal is only ever an amount here.
     */
    static {
        SpringDocUtils.getConfig().replaceWithSchema(BigDecimal.class, ApiDescription.typed("string")
                .pattern("^[0-9]+(\\.[0-9]+)?$").description("A decimal amount as a string, e.g. \"20.00\""));
    }

    @Bean
    public OpenAPI bookingEngineApi() {
        return new OpenAPI()
                .info(new Info().title("Booking engine API").version("v1").description("""
                        Bookings for a business's services, event-sourced. Every call carries \
                        `Authorization: Bearer <api key>`; each operation lists the roles that may call it \
                        (`x-roles`, and its description). Every refusal is `application/problem+json` (schema \
                        `Problem`): `detail` says what to do, `field` names the input to blame, `reason` is a stable \
                        word for a refused rule."""))
                .components(new Components().addSecuritySchemes(ApiDescription.SECURITY_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("API key")
                        .description("An API key, sent as `Authorization: Bearer <key>`; its roles decide what it may call.")))
                .addSecurityItem(new SecurityRequirement().addList(ApiDescription.SECURITY_SCHEME));
    }

    @Bean
    public OperationCustomizer bookingEngineReadYourWritesHeaders() {
        return new ReadYourWritesDescription();
    }

    @Bean
    public OperationCustomizer bookingEngineEventStreams() {
        return new EventStreamDescription();
    }

    @Bean
    public OpenApiCustomizer bookingEngineApiDescription(AccessGrants grants) {
        return new ApiDescription(grants, ApiExamples.load(new PathMatchingResourcePatternResolver()));
    }
}

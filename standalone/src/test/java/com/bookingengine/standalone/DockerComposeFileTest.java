package com.bookingengine.standalone;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where the engine is built, so {@code docker-compose.yml} is checked as a document: it parses,
 * starts the four services SPEC §6 names on the axonserver profile with pinned images, health checks on the
 * engine's readiness and the documented ports, builds each side from the jar Maven makes, and every setting it
 * needs from the operator is explained in the README.
 */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String DOCKERFILE = "deploy/Dockerfile";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String key) {
        Object value = ((Map<String, Object>) node).get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    }

    @Test
    void startsAxonServerPostgresAndOneOfEachSideFromPinnedImages() throws IOException {
        Map<String, Object> services = map(compose(), "services");
        assertThat(services).containsOnlyKeys("axonserver", "postgres", "command-side", "query-side");
        for (String service : List.of("axonserver", "postgres")) {
            String image = (String) map(services, service).get("image");
            assertThat(image).as(service + " image").matches("[a-z/]+:[0-9][\\w.-]*");
        }
        assertThat((String) map(services, "axonserver").get("image")).startsWith("axoniq/axonserver:");
        assertThat((List<?>) map(services, "axonserver").get("ports")).anySatisfy(p -> assertThat(p).asString().startsWith("8024:8024"))
                .anySatisfy(p -> assertThat(p).asString().startsWith("8124:8124"));
        assertThat(map(map(services, "postgres"), "healthcheck").get("test").toString()).contains("pg_isready");
    }

    @Test
    void eachSideRunsTheAxonServerProfileFromItsJarWithAReadinessCheck() throws IOException {
        Map<String, Object> services = map(compose(), "services");
        Map<String, String> jars = Map.of("command-side", "command-side/target/booking-command-side.jar",
                "query-side", "query-side/target/booking-query-side.jar");
        Map<String, String> ports = Map.of("command-side", "8081", "query-side", "8082");
        for (String side : jars.keySet()) {
            Map<String, Object> service = map(services, side);
            Map<String, Object> build = map(service, "build");
            assertThat(ROOT.resolve((String) build.get("dockerfile"))).isRegularFile();
            assertThat(map(build, "args")).containsEntry("JAR", jars.get(side));
            Map<String, Object> env = map(service, "environment");
            assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "axonserver")
                    .containsEntry("AXON_AXONSERVER_SERVERS", "axonserver:8124")
                    .containsEntry("SERVER_PORT", ports.get(side))
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/booking")
                    .containsKeys("BOOKING_SECURITY_API_KEYS_0_KEY", "BOOKING_SECURITY_API_KEYS_4_ROLES_0");
            assertThat(map(service, "healthcheck").get("test").toString())
                    .contains("http://localhost:" + ports.get(side) + "/actuator/health/readiness");
            assertThat(map(map(service, "depends_on"), "postgres")).containsEntry("condition", "service_healthy");
            assertThat((List<?>) service.get("ports")).singleElement().asString().endsWith(":" + ports.get(side));
        }
        // the Dockerfile copies exactly the jar it is given, and the build context lets that jar through
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::strip).toList();
        jars.values().forEach(jar -> assertThat(ignored).contains("!" + jar));
        // and every other file it copies from the context (the faster start's script) exists and is let through
        Matcher copies = Pattern.compile("(?m)^COPY (\\S+) ").matcher(Files.readString(ROOT.resolve(DOCKERFILE)));
        int files = 0;
        while (copies.find()) {
            String source = copies.group(1);
            if (!source.startsWith("${")) {
                files++;
                assertThat(ROOT.resolve(source)).isRegularFile();
                assertThat(ignored).contains("!" + source);
            }
        }
        assertThat(files).as("files the Dockerfile copies besides the jar").isPositive();
    }

    @Test
    void everySettingTheOperatorMustGiveIsInTheReadme() throws IOException {
        String file = Files.readString(ROOT.resolve("docker-compose.yml"));
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher variables = Pattern.compile("\\$\\{([A-Z_]+)[:?-]").matcher(file);
        int found = 0;
        while (variables.find()) {
            found++;
            assertThat(readme).as("README explains " + variables.group(1)).contains(variables.group(1));
        }
        assertThat(found).isGreaterThanOrEqualTo(5);
        assertThat(readme).contains("docker compose up").contains("--scale command-side=");
    }
}

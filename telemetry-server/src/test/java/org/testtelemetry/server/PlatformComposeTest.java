package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code examples/platform-postgres/docker-compose.yml} can't be run here (no Docker): this parses it and checks
 * that its services, ports and mounts fit together and that every mounted file exists in the repository (the
 * collector's jar: that it is this build's jar name).
 */
class PlatformComposeTest {

    private static final Path EXAMPLE = Path.of("../examples/platform-postgres");

    @Test
    void theComposeFileWiresPostgresTheCollectorAndGrafanaToFilesThatExist() throws Exception {
        JsonNode compose = YAMLMapper.builder().build().readTree(EXAMPLE.resolve("docker-compose.yml").toFile());
        JsonNode services = compose.get("services");
        assertThat(services.propertyNames()).containsExactlyInAnyOrder("postgres", "collector", "grafana");

        JsonNode pg = services.get("postgres");
        String db = pg.get("environment").get("POSTGRES_DB").asString();
        String user = pg.get("environment").get("POSTGRES_USER").asString();

        JsonNode collector = services.get("collector");
        assertThat(collector.get("image").asString()).contains("jre");
        List<String> command = strings(collector.get("command"));
        assertThat(command).containsSubsequence("java", "-jar", "/app/telemetry-server.jar");
        assertThat(command).containsSubsequence("--bind", "0.0.0.0");
        assertThat(command).contains("jdbc:postgresql://postgres:5432/" + db);
        assertThat(collector.get("environment").get("TELEMETRY_SERVER_STORE_USER").asString()).isEqualTo(user);
        assertThat(strings(collector.get("ports"))).containsExactly("8087:8087");
        assertThat(command).containsSubsequence("--port", "8087");
        assertThat(collector.get("depends_on").has("postgres")).isTrue();

        JsonNode grafana = services.get("grafana");
        assertThat(strings(grafana.get("ports"))).containsExactly("3000:3000");
        JsonNode env = grafana.get("environment");
        // the provisioned data source reads these variables
        String datasource = Files.readString(Path.of("grafana/provisioning/datasources/telemetry-postgres.yaml"));
        for (String name : List.of("TELEMETRY_PG_HOST", "TELEMETRY_PG_DATABASE", "TELEMETRY_PG_USER",
                "TELEMETRY_PG_PASSWORD")) {
            assertThat(datasource).contains("${" + name + "}");
            assertThat(env.has(name)).as(name).isTrue();
        }
        assertThat(env.get("TELEMETRY_PG_HOST").asString()).isEqualTo("postgres:5432");
        assertThat(env.get("TELEMETRY_PG_DATABASE").asString()).isEqualTo(db);
        // the read-only role Grafana logs in as is created by the mounted init script
        String reader = Files.readString(EXAMPLE.resolve("initdb/grafana-reader.sql"));
        assertThat(reader).contains("CREATE ROLE " + env.get("TELEMETRY_PG_USER").asString() + " LOGIN PASSWORD '"
                + env.get("TELEMETRY_PG_PASSWORD").asString() + "'").contains("FOR ROLE " + user);

        // every bind mount's source exists (the jar: this build's name), named volumes are declared
        String version = version();
        List<String> targets = new ArrayList<>();
        for (String service : List.of("postgres", "collector", "grafana")) {
            for (String volume : strings(services.get(service).get("volumes"))) {
                String[] parts = volume.split(":");
                targets.add(parts[1]);
                if (!parts[0].startsWith(".")) {
                    assertThat(compose.get("volumes").has(parts[0])).as(volume).isTrue();
                } else if (parts[0].contains("/target/")) {
                    assertThat(parts[0]).endsWith("/telemetry-server/target/telemetry-server-" + version + ".jar");
                } else {
                    assertThat(EXAMPLE.resolve(parts[0])).as(volume).exists();
                }
            }
        }
        assertThat(targets).contains("/etc/grafana/provisioning/datasources", "/etc/grafana/provisioning/dashboards",
                "/docker-entrypoint-initdb.d/grafana-reader.sql");
        // Grafana's dashboard provider reads the directory the dashboards are mounted at
        String provider = Files.readString(Path.of("grafana/provisioning/dashboards/telemetry.yaml"));
        String path = YAMLMapper.builder().build().readTree(provider).get("providers").get(0).get("options")
                .get("path").asString();
        assertThat(targets).contains(path);
        assertThat(EXAMPLE.resolve("../../telemetry-server/grafana/dashboards/test-telemetry.json")).exists();

        List<String> readme = Files.readAllLines(EXAMPLE.resolve("README.md"));
        assertThat(readme.size()).isLessThanOrEqualTo(20);
        assertThat(String.join("\n", readme)).contains("docker compose up").contains("http://localhost:3000/");
    }

    private static String version() throws Exception {
        Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}

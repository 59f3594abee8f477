package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** GET /api/openapi.json documents exactly the routes the server has, and each answers as documented. */
class OpenApiTest {

    @TempDir
    Path dir;

    @Test
    void theDocumentNamesEveryRealRouteAndNoOther() throws Exception {
        try (Api api = Api.start("sqlite", dir)) {
            JsonNode doc = api.json("/api/openapi.json");
            assertThat(doc.get("openapi").asString()).startsWith("3.");
            TreeSet<String> documented = new TreeSet<>();
            for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
                for (String method : path.getValue().propertyNames()) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
            assertThat(documented).isEqualTo(new TreeSet<>(api.server.routes()));

            for (String route : documented) {
                String[] parts = route.split(" ");
                String path = parts[1] + (parts[1].equals("/api/v1/breakdown") ? "?by=java" : "");
                int status = parts[0].equals("GET") ? api.get(path).statusCode()
                        : api.post(path, "{}".getBytes(), "Content-Type", "application/json").statusCode();
                JsonNode responses = doc.get("paths").get(parts[1]).get(parts[0].toLowerCase(Locale.ROOT))
                        .get("responses");
                assertThat(responses.has(Integer.toString(status))).as(route + " answered " + status).isTrue();
            }
        }
    }
}

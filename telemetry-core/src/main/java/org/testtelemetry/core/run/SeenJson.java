package org.testtelemetry.core.run;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code fingerprints} member of a partial result (see {@link PartialResults}) in the Maven plugin. A class
 * of its own so that a thin test JVM, which only writes partials, never loads a JSON mapper.
 */
final class SeenJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** 16 hex digits per fingerprint: a class, or a method's class then the method. */
    private static final String CLASS = "[0-9a-f]{16}";
    private static final String METHOD = "[0-9a-f]{32}";

    private SeenJson() {
    }

    /** The fingerprints in a partial's JSON; {@link PartialResults.Seen#NONE} when it has none. */
    static PartialResults.Seen read(byte[] json) {
        JsonNode fingerprints = MAPPER.readTree(json).path("fingerprints");
        if (!fingerprints.isObject()) {
            return PartialResults.Seen.NONE;
        }
        return new PartialResults.Seen(strings(fingerprints.path("classes"), CLASS),
                strings(fingerprints.path("methods"), METHOD));
    }

    /** The well-formed entries of an array; anything else is left out (a partial is never trusted blindly). */
    private static Set<String> strings(JsonNode array, String shape) {
        Set<String> out = new HashSet<>();
        for (JsonNode item : array) {
            String value = item.isString() ? item.asString() : null;
            if (value != null && value.matches(shape)) {
                out.add(value);
            }
        }
        return out;
    }
}

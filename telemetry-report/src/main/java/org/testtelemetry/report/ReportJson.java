package org.testtelemetry.report;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.io.InputStream;
import java.io.OutputStream;
import org.apiguardian.api.API;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where reports become JSON and back. Unknown fields are ignored when reading, so a newer
 * client's report still reads on an older platform.
 *
 * <pre>{@code
 * String json = ReportJson.write(report);
 * Report same = ReportJson.read(json);
 * }</pre>
 */
@API(status = MAINTAINED)
public final class ReportJson {

    /** Classpath location of the JSON Schema (2020-12) for {@link Report} v1. */
    public static final String SCHEMA_RESOURCE = "/org/testtelemetry/report/report-v1.schema.json";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private ReportJson() {
    }

    public static String write(Report report) {
        return MAPPER.writeValueAsString(report);
    }

    public static String writePretty(Report report) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
    }

    public static void write(Report report, OutputStream out) {
        MAPPER.writeValue(out, report);
    }

    public static byte[] writeBytes(Report report) {
        return MAPPER.writeValueAsBytes(report);
    }

    /** @throws tools.jackson.core.JacksonException (unchecked) when the text is not a report */
    public static Report read(String json) {
        return MAPPER.readValue(json, Report.class);
    }

    public static Report read(InputStream in) {
        return MAPPER.readValue(in, Report.class);
    }

    /** The schema text, as shipped in this jar. */
    public static InputStream schema() {
        return ReportJson.class.getResourceAsStream(SCHEMA_RESOURCE);
    }
}

package org.testtelemetry.report;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** Validates JSON against the shipped schema with a real JSON Schema 2020-12 validator. */
public final class ReportSchema {

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(ReportJson.schema());
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ReportSchema() {
    }

    /** The validator's messages; empty when the JSON is a valid report. */
    public static List<String> errors(String json) {
        List<Error> errors = SCHEMA.validate(MAPPER.readTree(json));
        return errors.stream().map(Error::toString).toList();
    }
}

package org.testtelemetry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The server's explanation in a JSON error body, read with Jackson (no regular expressions). */
class ServerMessageTest {

    @Test
    void theMostSpecificTopLevelFieldWinsWhateverItsPlace() {
        assertThat(ReportSender.jsonMessage("{\"error\":\"invalid report\",\"message\":\"tests: must be >= 0\"}"))
                .contains("tests: must be >= 0");
        assertThat(ReportSender.jsonMessage("{\"title\":\"Bad Request\",\"detail\":\"no \\\"metrics\\\"\"}"))
                .contains("no \"metrics\"");
    }

    @Test
    void escapesAreDecodedAsJson() {
        assertThat(ReportSender.jsonMessage("{\"message\":\"line one\\nline \\u0074wo \\\\ end\"}"))
                .contains("line one\nline two \\ end");
    }

    @Test
    void nestedObjectsAndNonStringValuesAreSkipped() {
        assertThat(ReportSender.jsonMessage(
                "{\"message\":{\"text\":\"nested\"},\"errors\":[{\"message\":\"deep\"}],\"error\":42,\"title\":\"Top\"}"))
                .contains("Top");
    }

    @Test
    void aBodyCutAtTheLimitKeepsTheFieldsBeforeTheCut() {
        assertThat(ReportSender.jsonMessage("{\"error\":\"too large\",\"message\":\"report over 1 MB, pad" + "x".repeat(50)))
                .contains("too large");
    }

    @Test
    void notAnObjectOrNoKnownFieldIsEmpty() {
        assertThat(ReportSender.jsonMessage("[\"message\"]")).isEmpty();
        assertThat(ReportSender.jsonMessage("{\"status\":400}")).isEmpty();
        assertThat(ReportSender.jsonMessage("{not json")).isEmpty();
        assertThat(ReportSender.jsonMessage("{\"message\":\"  \"}")).isEmpty();
    }
}

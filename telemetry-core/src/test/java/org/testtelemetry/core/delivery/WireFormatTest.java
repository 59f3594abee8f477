package org.testtelemetry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.config;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.context;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.testtelemetry.core.TelemetryVersion;
import org.testtelemetry.core.delivery.DeliveryResult.Status;

/** The bytes on the wire, as a raw socket sees them (WireMock hands bodies over already decompressed). */
class WireFormatTest extends DeliveryTestCase {

    @Test
    void requestIsAGzipJsonPostWithTheContractHeaders() throws Exception {
        try (RawServer server = new RawServer((socket, self) -> {
            self.readRequest(socket);
            RawServer.write(socket, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        })) {
            DeliveryResult result = ReportDelivery.deliver(report, config("telemetry.endpoint", server.url() + "/base/",
                    "telemetry.token", "t0k3n", "telemetry.outbox", outbox.toString()),
                    log, context(buildDir));

            assertThat(result.status()).isEqualTo(Status.SENT);
            assertThat(result.line()).contains(" — sent to " + server.url() + "/base in ");
            assertThat(server.requests).hasSize(1);
            byte[] raw = server.requests.get(0);
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n") + 4;
            String head = text.substring(0, split);
            assertThat(head).startsWith("POST /base/api/v1/reports HTTP/1.1\r\n")
                    .containsIgnoringCase("\r\nContent-Type: application/json\r\n")
                    .containsIgnoringCase("\r\nContent-Encoding: gzip\r\n")
                    .containsIgnoringCase("\r\nIdempotency-Key: " + report.id() + "\r\n")
                    .containsIgnoringCase("\r\nUser-Agent: test-telemetry/" + TelemetryVersion.get() + "\r\n")
                    .containsIgnoringCase("\r\nAuthorization: Bearer t0k3n\r\n");
            byte[] body = Arrays.copyOfRange(raw, split, raw.length);
            assertThat(body[0] & 0xff).isEqualTo(0x1f);
            assertThat(body[1] & 0xff).isEqualTo(0x8b);
            DeliveryTestSupport.assertValidReport(DeliveryTestSupport.gunzip(body), report);
        }
    }
}

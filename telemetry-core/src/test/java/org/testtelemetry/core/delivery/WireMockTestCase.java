package org.testtelemetry.core.delivery;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A delivery test with one WireMock per class on 127.0.0.1, reset before each test. */
abstract class WireMockTestCase extends DeliveryTestCase {

    static final String PATH = "/api/v1/reports";
    static WireMockServer wireMock;

    @BeforeAll
    static void startWireMock() {
        wireMock = DeliveryTestSupport.wireMock();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @BeforeEach
    void resetWireMock() {
        wireMock.resetAll();
    }

    static String wireMockUrl() {
        return "http://127.0.0.1:" + wireMock.port();
    }
}

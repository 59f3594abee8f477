package it;

import org.junit.jupiter.api.Test;

class HangTest {

    @Test
    void neverReturns() throws InterruptedException {
        Thread.sleep(120_000); // Surefire kills the fork after forkedProcessTimeoutInSeconds
    }
}

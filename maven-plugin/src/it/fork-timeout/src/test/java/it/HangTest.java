package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Four tests; the third never returns, so Surefire kills the fork after forkedProcessTimeoutInSeconds. */
@TestMethodOrder(MethodOrderer.MethodName.class)
class HangTest {

    @Test
    void a() {
        assertTrue(true);
    }

    @Test
    void b() {
        assertTrue(true);
    }

    @Test
    void c() throws InterruptedException {
        Thread.sleep(120_000);
    }

    @Test
    void d() {
        assertTrue(true);
    }
}

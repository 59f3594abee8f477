package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Its failed test kills the JVM when Surefire reruns it: the JVM dies in the rerun's test plan. */
class DiesOnRerunTest {

    private static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @Test
    void failsThenDies() {
        if (ATTEMPTS.incrementAndGet() > 1) {
            Runtime.getRuntime().halt(3);
        }
        assertTrue(false, "first attempt fails");
    }

    @Test
    void fine() {
        assertTrue(true);
    }
}

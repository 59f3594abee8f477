package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Five tests; the third calls System.exit, so it and the two after it never finish. */
@TestMethodOrder(MethodOrderer.MethodName.class)
class ExitTest {

    @Test
    void a() {
        assertTrue(true);
    }

    @Test
    void b() {
        assertTrue(true);
    }

    @Test
    void c() {
        System.exit(3); // the fork dies mid-test
    }

    @Test
    void d() {
        assertTrue(true);
    }

    @Test
    void e() {
        assertTrue(true);
    }
}

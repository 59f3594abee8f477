package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A class of 20 tests whose 11th SIGKILLs its own JVM: no shutdown hook runs, Surefire gets no goodbye. */
@TestMethodOrder(MethodOrderer.MethodName.class)
class KillTest {

    private static int ran;

    private static void step() throws Exception {
        if (++ran == 11) {
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(60_000); // the signal arrives while this test runs
        }
        assertTrue(ran < 11);
    }

    @Test
    void t01() throws Exception {
        step();
    }

    @Test
    void t02() throws Exception {
        step();
    }

    @Test
    void t03() throws Exception {
        step();
    }

    @Test
    void t04() throws Exception {
        step();
    }

    @Test
    void t05() throws Exception {
        step();
    }

    @Test
    void t06() throws Exception {
        step();
    }

    @Test
    void t07() throws Exception {
        step();
    }

    @Test
    void t08() throws Exception {
        step();
    }

    @Test
    void t09() throws Exception {
        step();
    }

    @Test
    void t10() throws Exception {
        step();
    }

    @Test
    void t11() throws Exception {
        step();
    }

    @Test
    void t12() throws Exception {
        step();
    }

    @Test
    void t13() throws Exception {
        step();
    }

    @Test
    void t14() throws Exception {
        step();
    }

    @Test
    void t15() throws Exception {
        step();
    }

    @Test
    void t16() throws Exception {
        step();
    }

    @Test
    void t17() throws Exception {
        step();
    }

    @Test
    void t18() throws Exception {
        step();
    }

    @Test
    void t19() throws Exception {
        step();
    }

    @Test
    void t20() throws Exception {
        step();
    }
}

package it;

import org.junit.jupiter.api.Test;

class ExitTest {

    @Test
    void leavesTheJvm() {
        System.exit(3); // the fork dies mid-test: this test never finishes
    }
}

package org.testtelemetry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class PeakHeapTest {

    @Test
    void thePeakIsAtLeastWhatTheHeapHoldsNowAndSurvivesTheGarbage() {
        long[][] held = new long[64][];
        for (int i = 0; i < held.length; i++) {
            held[i] = new long[16 * 1024]; // 8 MB in all, alive while measured
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        Long peak = PeakHeap.bytes();

        assertThat(peak).isNotNull().isGreaterThanOrEqualTo(used);
        assertThat(held[63]).hasSize(16 * 1024);
    }

    @Test
    void aResetForgetsAPeakThatIsGone() {
        assertThat(allocate(64 * 1024 * 1024)).isEqualTo(64 * 1024 * 1024);
        Long before = PeakHeap.bytes();
        System.gc(); // the 64 MB are unreachable: a full collection frees them

        PeakHeap.reset();

        assertThat(PeakHeap.bytes()).isNotNull().isLessThan(before - 32 * 1024 * 1024);
    }

    private static int allocate(int bytes) {
        return new byte[bytes].length;
    }
}

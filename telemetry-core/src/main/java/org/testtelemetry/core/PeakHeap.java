package org.testtelemetry.core;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The one peak-heap measurement of this library: the sum of each heap pool's peak since the JVM started (or
 * since {@link #reset()}). Pools peak at different moments, so this is an upper bound of the true peak, never
 * below it. Reading it costs a few microseconds and allocates nothing that outlives the call.
 */
public final class PeakHeap {

    private PeakHeap() {
    }

    /** The peak in bytes, or null when this JVM exposes no heap pool. */
    public static Long bytes() {
        long sum = 0;
        boolean any = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP || !pool.isValid()) {
                continue;
            }
            MemoryUsage peak = pool.getPeakUsage();
            if (peak != null) {
                sum += peak.getUsed();
                any = true;
            }
        }
        return any ? sum : null;
    }

    /** Starts the peaks afresh from the current usage (benchmarks measuring one phase). */
    public static void reset() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }
}

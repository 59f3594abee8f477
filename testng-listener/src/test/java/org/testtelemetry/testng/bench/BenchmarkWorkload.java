package org.testtelemetry.testng.bench;

import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** The benchmark's workload: {@link #TESTS} trivial TestNG tests (10 methods × 1,000 data-provider rows). */
public class BenchmarkWorkload {

    static final int ROWS = 1_000;
    static final int TESTS = 10 * ROWS;

    private static volatile int sink;

    @DataProvider
    public static Object[][] rows() {
        Object[][] rows = new Object[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = new Object[] {i};
        }
        return rows;
    }

    @Test(dataProvider = "rows")
    public void t0(int i) {
        sink = i;
    }

    @Test(dataProvider = "rows")
    public void t1(int i) {
        sink = i;
    }

    @Test(dataProvider = "rows")
    public void t2(int i) {
        sink = i;
    }

    @Test(dataProvider = "rows")
    public void t3(int i) {
        sink = i;
    }

    @Test(dataProvider = "rows")
    public void t4(int i) {
        sink = i;
    }

    @Test(dataProvider = "rows")
    public void t5(int i) {
        sink = i;
    }

    @Test(dataProvider = "rows")
    public void t6(int i) {
        sink = i;
    }

    @Test(dataProvider = "rows")
    public void t7(int i) {
        sink = i;
    }

    @Test(dataProvider = "rows")
    public void t8(int i) {
        sink = i;
    }

    @Test(dataProvider = "rows")
    public void t9(int i) {
        sink = i;
    }
}

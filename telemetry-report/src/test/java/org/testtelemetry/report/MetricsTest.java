package org.testtelemetry.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void testsAddUpOutcomeByOutcome() {
        Metrics.Tests a = new Metrics.Tests(10, 5, 1, 1, 1, 1, 1, 2, 3L);
        Metrics.Tests b = new Metrics.Tests(7, 6, 0, 0, 1, 0, 0, 1, 2L);
        assertThat(a.plus(b)).isEqualTo(new Metrics.Tests(17, 11, 1, 1, 2, 1, 1, 3, 5L));
        assertThat(Metrics.Tests.ZERO.withVoid(0L).plus(a)).isEqualTo(a);
    }

    @Test
    void theVoidCountIsKeptOnlyWhenBothSidesMeasuredIt() {
        Metrics.Tests measured = new Metrics.Tests(2, 2, 0, 0, 0, 0, 0, 0, 1L);
        Metrics.Tests notMeasured = new Metrics.Tests(3, 3, 0, 0, 0, 0, 0, 0);
        assertThat(measured.plus(notMeasured).voidTests()).isNull();
        assertThat(notMeasured.plus(measured).voidTests()).isNull();
        assertThat(measured.plus(notMeasured).total()).isEqualTo(5);
    }
}

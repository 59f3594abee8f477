package org.testtelemetry.core.delivery;

import org.testtelemetry.core.delivery.DeliveryResult.Status;
import org.testtelemetry.report.Report;

/** The {@code stdout} writer: the report goes nowhere else, the run's one line is printed at INFO. */
final class StdoutWriter implements ReportWriter {

    @Override
    public Outcome write(Report report) {
        return new Outcome(Status.WRITTEN, null);
    }

    @Override
    public boolean printsTheLine() {
        return true;
    }
}

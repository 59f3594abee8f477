package org.testtelemetry.report;

import org.testtelemetry.core.MarkedApiFixture;

/** Fixture: the report contract using core, which the layering forbids (even core's public API). */
public class ReportUsingCoreFixture {

    public Object core() {
        return MarkedApiFixture.nested();
    }
}

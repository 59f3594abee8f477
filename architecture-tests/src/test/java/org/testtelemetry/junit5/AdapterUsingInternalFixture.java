package org.testtelemetry.junit5;

import org.testtelemetry.core.InternalFixture;
import org.testtelemetry.core.MarkedInternalFixture;

/** Fixture: an adapter reaching into core's internals (unmarked and marked INTERNAL). */
public class AdapterUsingInternalFixture {

    public int internals() {
        return InternalFixture.answer() + MarkedInternalFixture.answer();
    }
}

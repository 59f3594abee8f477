package org.testtelemetry.junit5;

import org.testtelemetry.core.MarkedApiFixture;

/** Fixture: an adapter that uses only core's marked public API, as it should. */
public class AdapterUsingApiFixture {

    public Object api() {
        MarkedApiFixture.Nested nested = MarkedApiFixture.nested();
        return new MarkedApiFixture.Nested[] {nested};
    }
}

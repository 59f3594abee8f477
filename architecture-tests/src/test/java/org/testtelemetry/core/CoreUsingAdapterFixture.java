package org.testtelemetry.core;

import org.testtelemetry.junit5.AdapterUsingApiFixture;

/** Fixture: core reaching up into an adapter, which the layering forbids. */
public class CoreUsingAdapterFixture {

    public Object adapter() {
        return new AdapterUsingApiFixture();
    }
}

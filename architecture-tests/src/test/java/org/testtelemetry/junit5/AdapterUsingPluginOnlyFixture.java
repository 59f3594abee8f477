package org.testtelemetry.junit5;

import org.testtelemetry.core.PluginOnlyFixture;

/** Fixture: an adapter using a core class that is internal for everyone but the plugin. */
public class AdapterUsingPluginOnlyFixture {

    public int answer() {
        return PluginOnlyFixture.answer();
    }
}

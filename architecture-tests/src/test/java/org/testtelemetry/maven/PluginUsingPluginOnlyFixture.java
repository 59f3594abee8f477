package org.testtelemetry.maven;

import org.testtelemetry.core.PluginOnlyFixture;

/** Fixture: the plugin using a core class marked internal for it. */
public class PluginUsingPluginOnlyFixture {

    public int answer() {
        return PluginOnlyFixture.answer();
    }
}

package org.testtelemetry.core;

import org.apiguardian.api.API;

/** Fixture: internal to core, but open to the Maven plugin's package (as {@code RunContext} is). */
@API(status = API.Status.INTERNAL, consumers = "org.testtelemetry.maven")
public class PluginOnlyFixture {

    public static int answer() {
        return 44;
    }
}

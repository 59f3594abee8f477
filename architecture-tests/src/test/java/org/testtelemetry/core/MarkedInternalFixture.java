package org.testtelemetry.core;

import org.apiguardian.api.API;

/** Fixture: a core class explicitly marked internal. */
@API(status = API.Status.INTERNAL)
public class MarkedInternalFixture {

    public static int answer() {
        return 43;
    }
}

package org.testtelemetry.core;

import org.apiguardian.api.API;

/** Fixture: a core class marked as public API, with a nested type that is API through it. */
@API(status = API.Status.STABLE)
public class MarkedApiFixture {

    public static Nested nested() {
        return new Nested();
    }

    /** Public API through its enclosing class. */
    public static final class Nested {
    }
}

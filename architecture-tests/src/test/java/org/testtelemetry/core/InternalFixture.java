package org.testtelemetry.core;

/** Fixture: a core class with no {@code @API} marking, i.e. internal. */
public class InternalFixture {

    public static int answer() {
        return 42;
    }
}

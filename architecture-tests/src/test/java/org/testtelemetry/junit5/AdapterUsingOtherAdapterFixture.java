package org.testtelemetry.junit5;

/** Fixture: one adapter using another (the TestNG one), which the layering forbids. */
public class AdapterUsingOtherAdapterFixture {

    public Object other() {
        return new org.testtelemetry.testng.OtherAdapterFixture();
    }
}

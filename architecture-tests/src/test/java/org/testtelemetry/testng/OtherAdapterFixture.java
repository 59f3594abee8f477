package org.testtelemetry.testng;

/** Fixture: a class of the TestNG adapter's package. */
public class OtherAdapterFixture {
}

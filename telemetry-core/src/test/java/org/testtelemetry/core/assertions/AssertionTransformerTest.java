package org.testtelemetry.core.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testtelemetry.core.TelemetryLog;

/**
 * The transformer on the real libraries: each fixture in {@code sample.assertions} is loaded through it, run, and
 * must have made exactly the assertions counted by hand in its Javadoc.
 */
class AssertionTransformerTest {

    private final List<String> debug = new ArrayList<>();
    private final AssertionTransformer transformer = new AssertionTransformer(new TelemetryLog() {
        @Override
        public void info(String line) {
            throw new AssertionError(line);
        }

        @Override
        public void warn(String line) {
            throw new AssertionError(line);
        }

        @Override
        public void debug(String line) {
            debug.add(line);
        }
    });

    @ParameterizedTest
    @CsvSource({
        "JupiterCalls, 4",
        "JUnit4Calls, 2",
        "TestNGCalls, 4",
        "AssertJCalls, 7",
        "WithAssertionsCalls, 2",
        "HamcrestTruthCalls, 4",
        "MockitoCalls, 5",
        "NoAssertions, 0",
        "Plain, 0"})
    void eachEntryPointCallCountsOnce(String fixture, long expected) throws Exception {
        Runnable test = newFixture(fixture);

        long before = AssertionCounter.current();
        test.run();
        assertThat(AssertionCounter.current() - before).isEqualTo(expected);
        test.run();
        assertThat(AssertionCounter.current() - before).as("a second run counts again").isEqualTo(2 * expected);
        assertThat(debug).isEmpty();
    }

    @Test
    void aFailingAssertionIsCountedBeforeItThrows() throws Exception {
        Class<?> type = new InstrumentingLoader(transformer).loadClass("sample.assertions.JupiterCalls");
        long before = AssertionCounter.current();
        assertThatThrownBy(() -> type.getMethod("failing").invoke(null)).hasCauseInstanceOf(AssertionError.class);
        assertThat(AssertionCounter.current() - before).isEqualTo(1);
    }

    @Test
    void classesWithoutEntryPointCallsAreReturnedUnchanged() {
        assertThat(transform("sample.assertions.Plain")).as("rejected by the constant-pool scan").isNull();
        assertThat(AssertionTransformer.instrument(InstrumentingLoader.bytes("sample.assertions.NoAssertions")))
                .as("scanned, parsed, nothing to count").isNull();
        assertThat(transform("sample.assertions.JUnit4Calls")).isNotNull();
    }

    @Test
    void theJdkTheLibrariesAndOurOwnClassesAreNeverTouched() {
        byte[] jupiter = InstrumentingLoader.bytes("sample.assertions.JupiterCalls");
        ClassLoader loader = getClass().getClassLoader();
        for (String name : List.of("java/util/Objects", "org/junit/jupiter/api/AssertionsKt", "org/assertj/core/api/X",
                "org/testtelemetry/junit5/Fixture", "org/mockito/Mockito", "jdk/internal/X")) {
            assertThat(transformer.transform(loader, name, null, null, jupiter)).as(name).isNull();
        }
        assertThat(transformer.transform(loader, "sample/assertions/JupiterCalls", String.class, null, jupiter))
                .as("a redefinition").isNull();
    }

    @Test
    void aLoaderThatCannotSeeTheCounterGetsTheClassUnchanged() {
        byte[] jupiter = InstrumentingLoader.bytes("sample.assertions.JupiterCalls");
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        assertThat(transformer.transform(platform, "sample/assertions/JupiterCalls", null, null, jupiter)).isNull();
        assertThat(transformer.transform(null, "sample/assertions/JupiterCalls", null, null, jupiter)).isNull();
    }

    @Test
    void aCorruptOrUnreadableClassFileIsLeftUnchangedWithOneDebugLine() {
        byte[] good = InstrumentingLoader.bytes("sample.assertions.JupiterCalls");
        ClassLoader loader = getClass().getClassLoader();
        List<byte[]> corrupt = new ArrayList<>();
        corrupt.add(new byte[0]);
        corrupt.add("not a class".getBytes());
        corrupt.add(java.util.Arrays.copyOf(good, good.length / 2)); // truncated
        byte[] badTag = good.clone();
        badTag[10] = (byte) 99; // first constant's tag
        corrupt.add(badTag);
        byte[] garbledCode = good.clone();
        for (int i = good.length - 200; i < good.length - 20; i++) {
            garbledCode[i] = (byte) 0xFF;
        }
        corrupt.add(garbledCode);

        for (byte[] bytes : corrupt) {
            byte[] copy = bytes.clone();
            assertThat(transformer.transform(loader, "sample/assertions/Broken", null, null, bytes)).isNull();
            assertThat(bytes).as("the input is never written to").isEqualTo(copy);
        }
        assertThat(debug).hasSizeGreaterThanOrEqualTo(corrupt.size() - 1) // the garbled tail may still parse
                .allMatch(line -> line.startsWith("Test telemetry: assertions of sample/assertions/Broken not counted"));
    }

    @Test
    void aClassFileOfAJavaNewerThanThisCodeIsStillCounted() throws Exception {
        byte[] future = InstrumentingLoader.bytes("sample.assertions.JupiterCalls");
        future[6] = (byte) 0x7F; // major version 127: the rewrite reads the format, which every version shares
        byte[] changed = transformer.transform(getClass().getClassLoader(), "sample/assertions/JupiterCalls", null,
                null, future);
        assertThat(changed).isNotNull();
        changed[6] = InstrumentingLoader.bytes("sample.assertions.JupiterCalls")[6];
        assertThat(AsmOracle.listing(changed)).as("the same rewrite as for today's version")
                .isEqualTo(AsmOracle.listing(AssertionTransformer.instrument(
                        InstrumentingLoader.bytes("sample.assertions.JupiterCalls"))));
        assertThat(debug).isEmpty();
    }

    @Test
    void countsArePerThread() throws Exception {
        Runnable test = newFixture("JUnit4Calls");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> made = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                made.add(pool.submit(() -> {
                    AssertionCounter.testRunning();
                    for (int i = 0; i < 1000; i++) {
                        test.run();
                    }
                    return AssertionCounter.testEnded();
                }));
            }
            for (Future<Long> f : made) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(2000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void setUpAssertionsBelongToTheTestThatFollows() throws Exception {
        Runnable twoAssertions = newFixture("JUnit4Calls");
        AssertionCounter.testEnded();
        twoAssertions.run(); // between tests: nobody's
        AssertionCounter.setUpRunning();
        twoAssertions.run(); // first set-up method
        AssertionCounter.setUpRunning();
        twoAssertions.run(); // second set-up method
        AssertionCounter.testRunning();
        twoAssertions.run(); // the test
        assertThat(AssertionCounter.testEnded()).isEqualTo(6);
        AssertionCounter.testRunning();
        assertThat(AssertionCounter.testEnded()).isZero();
    }

    private byte[] transform(String className) {
        return transformer.transform(getClass().getClassLoader(), className.replace('.', '/'), null, null,
                InstrumentingLoader.bytes(className));
    }

    private Runnable newFixture(String simpleName) throws Exception {
        Class<?> type = new InstrumentingLoader(transformer).loadClass("sample.assertions." + simpleName);
        return (Runnable) type.getConstructor().newInstance();
    }
}

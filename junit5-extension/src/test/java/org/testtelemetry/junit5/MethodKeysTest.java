package org.testtelemetry.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;

class MethodKeysTest {

    private final MethodKeys keys = new MethodKeys();

    @Test
    void everyInvocationOfAMethodGetsTheSameKeyInstanceAndOnlyTheFirstIsNew() {
        MethodKeys.Key first = keys.ifNew(MethodSource.from("com.acme.FooTest", "adds", "int, int"));

        assertThat(first).hasToString("com.acme.FooTest#adds(int, int)");
        // each parameterized invocation carries a new MethodSource with equal, not identical, strings
        assertThat(keys.ifNew(MethodSource.from(new String("com.acme.FooTest"), new String("adds"),
                new String("int, int")))).isNull();
        assertThat(keys.of(MethodSource.from("com.acme.FooTest", "adds", "int, int"))).isSameAs(first);
    }

    @Test
    void overloadsAndEqualNamesInOtherClassesAreDistinctMethods() {
        MethodKeys.Key none = keys.of(MethodSource.from("com.acme.FooTest", "adds", ""));
        MethodKeys.Key ints = keys.of(MethodSource.from("com.acme.FooTest", "adds", "int"));
        MethodKeys.Key longs = keys.of(MethodSource.from("com.acme.FooTest", "adds", "long"));
        MethodKeys.Key other = keys.of(MethodSource.from("com.acme.BarTest", "adds", ""));

        assertThat(List.of(none, ints, longs, other)).extracting(Object::toString).containsExactly(
                "com.acme.FooTest#adds()",
                "com.acme.FooTest#adds(int)", "com.acme.FooTest#adds(long)", "com.acme.BarTest#adds()");
        assertThat(keys.ifNew(MethodSource.from("com.acme.FooTest", "adds", "int"))).isNull();
        assertThat(keys.of(MethodSource.from("com.acme.FooTest", "adds", "long"))).isSameAs(longs);
        assertThat(keys.of(MethodSource.from("com.acme.FooTest", "adds", ""))).isSameAs(none);
        assertThat(keys.ifNew(MethodSource.from("com.acme.FooTest", "adds", "short"))).isNotNull();
    }

    @Test
    void threadsRacingOnNewMethodsAndOverloadsAgreeOnOneInstanceEach() throws Exception {
        List<Callable<List<MethodKeys.Key>>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            tasks.add(() -> {
                List<MethodKeys.Key> seen = new ArrayList<>();
                for (int m = 0; m < 200; m++) {
                    seen.add(keys.of(MethodSource.from("com.acme.RaceTest", "m" + m % 20, "p" + m / 20 % 3)));
                }
                return seen;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Set<String> distinct = new HashSet<>();
            Set<MethodKeys.Key> instances = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Future<List<MethodKeys.Key>> f : pool.invokeAll(tasks)) {
                for (MethodKeys.Key key : f.get()) {
                    distinct.add(key.toString());
                    instances.add(key);
                }
            }
            assertThat(distinct).hasSize(60); // m0..m19, each overloaded with p0, p1 and p2
            assertThat(instances).as("one instance per method").hasSize(distinct.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPlansSizeHintChangesNoKey() {
        MethodKeys.Key before = keys.of(MethodSource.from("com.acme.SeenTest", "one", ""));
        keys.expect("com.acme.SeenTest", 100); // a class already seen keeps its keys
        keys.expect("com.acme.PlannedTest", 100);

        assertThat(keys.of(MethodSource.from("com.acme.SeenTest", "one", ""))).isSameAs(before);
        assertThat(keys.ifNew(MethodSource.from("com.acme.PlannedTest", "one", "")))
                .hasToString("com.acme.PlannedTest#one()");
        assertThat(keys.ifNew(MethodSource.from("com.acme.PlannedTest", "one", ""))).isNull();
    }
}

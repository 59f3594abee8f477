package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** 4 tests, 3 assertions, 1 void; the factory's own assertion is made while no test runs and is not counted. */
class DynamicTests {

    @TestFactory
    Stream<DynamicTest> squares() {
        List<Integer> numbers = List.of(1, 2, 3);
        assertNotNull(numbers); // the factory is a container, not a test
        return Stream.concat(
                numbers.stream().map(n -> dynamicTest("square " + n, () -> assertEquals(n * n, n * n))),
                Stream.of(dynamicTest("nothing", () -> { })));
    }
}

package it;

import java.util.List;
import org.assertj.core.api.WithAssertions;
import org.junit.jupiter.api.Test;

/** 1 test, 1 assertion: AssertJ through WithAssertions. */
class WithAssertionsTest implements WithAssertions {

    @Test
    void viaTheInterface() {
        assertThat(new Inventory(List.of("a")).has("a")).isTrue();
    }
}

package sample.assertions;

import org.assertj.core.api.WithAssertions;

/** AssertJ through WithAssertions: 2 counted. */
public class WithAssertionsCalls implements Runnable, WithAssertions {

    @Override
    public void run() {
        assertThat(3).isPositive();
        assertThatCode(this::nothing).doesNotThrowAnyException();
        nothing();
    }

    private void nothing() {
    }
}

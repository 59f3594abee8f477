package sample.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.BDDAssertions.then;

import java.util.List;
import org.assertj.core.api.SoftAssertions;

/** AssertJ: one per subject, 7 counted. */
public class AssertJCalls implements Runnable {

    @Override
    public void run() {
        assertThat(List.of(1, 2)).hasSize(2).contains(1).doesNotContain(3); // 1, however long the chain
        assertThatThrownBy(() -> {
            throw new IllegalStateException("x");
        }).isInstanceOf(IllegalStateException.class).hasMessage("x"); // 1
        assertThatCode(() -> { }).doesNotThrowAnyException(); // 1
        then("bdd").startsWith("b"); // 1
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(1).isOne(); // 1
        softly.assertThat("a").isNotEmpty().hasSize(1); // 1
        softly.assertAll(); // not one more
        SoftAssertions.assertSoftly(s -> s.assertThat(true).isTrue()); // 1 (assertSoftly itself is not)
    }
}

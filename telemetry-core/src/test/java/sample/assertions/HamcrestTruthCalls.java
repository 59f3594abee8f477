package sample.assertions;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** Hamcrest 2 and Truth 2 (one per subject): 4 counted. */
public class HamcrestTruthCalls implements Runnable {

    @Override
    public void run() {
        assertThat("telemetry", containsString("tele"));
        assertThat(1, is(1));
        assertThat("truth").startsWith("tr");
        assertWithMessage("why").that(42).isGreaterThan(41);
    }
}

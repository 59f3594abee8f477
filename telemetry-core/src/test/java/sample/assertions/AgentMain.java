package sample.assertions;

import org.testtelemetry.core.assertions.AssertionCounter;

/** Run in a child JVM by AssertionAgentTest: the three fixtures make 13 assertions; prints what was counted. */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        new JupiterCalls().run();
        new JUnit4Calls().run();
        new AssertJCalls().run();
        System.out.println("attached=" + AssertionCounter.attached() + " counted=" + AssertionCounter.current());
    }
}

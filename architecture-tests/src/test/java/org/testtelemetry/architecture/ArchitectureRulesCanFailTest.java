package org.testtelemetry.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.testtelemetry.core.CoreUsingAdapterFixture;
import org.testtelemetry.core.InternalFixture;
import org.testtelemetry.core.MarkedApiFixture;
import org.testtelemetry.core.MarkedInternalFixture;
import org.testtelemetry.core.PluginOnlyFixture;
import org.testtelemetry.fixture.cycle.a.CycleA;
import org.testtelemetry.fixture.cycle.b.CycleB;
import org.testtelemetry.junit5.AdapterUsingApiFixture;
import org.testtelemetry.junit5.AdapterUsingInternalFixture;
import org.testtelemetry.junit5.AdapterUsingOtherAdapterFixture;
import org.testtelemetry.junit5.AdapterUsingPluginOnlyFixture;
import org.testtelemetry.maven.PluginUsingPluginOnlyFixture;
import org.testtelemetry.report.ReportUsingCoreFixture;
import org.testtelemetry.testng.OtherAdapterFixture;

/**
 * Shows that each rule of {@link ArchitectureRules} reports a violation when it is broken, on fixture classes in
 * this module's test sources that break exactly one rule each (and passes on fixtures that keep it), so a green
 * {@link ArchitectureTest} means the rules held, not that they could not fail.
 */
class ArchitectureRulesCanFailTest {

    private static JavaClasses fixtures(Class<?>... types) {
        return new ClassFileImporter().importClasses(types);
    }

    private static EvaluationResult evaluate(ArchRule rule, Class<?>... types) {
        return rule.evaluate(fixtures(types));
    }

    @Test
    void aPackageCycleIsReported() {
        EvaluationResult result = evaluate(ArchitectureRules.noPackageCycles(), CycleA.class, CycleB.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("Cycle detected", "fixture.cycle.a", "fixture.cycle.b");
    }

    @Test
    void packagesWithoutACycleAreNot() {
        EvaluationResult result = evaluate(ArchitectureRules.noPackageCycles(), CycleA.class,
                AdapterUsingApiFixture.class, MarkedApiFixture.class);

        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }

    @Test
    void theReportUsingCoreIsReported() {
        EvaluationResult result = evaluate(ArchitectureRules.layers(), ReportUsingCoreFixture.class,
                MarkedApiFixture.class, MarkedApiFixture.Nested.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("ReportUsingCoreFixture", "MarkedApiFixture");
    }

    @Test
    void coreUsingAnAdapterIsReported() {
        EvaluationResult result = evaluate(ArchitectureRules.layers(), CoreUsingAdapterFixture.class,
                AdapterUsingApiFixture.class, MarkedApiFixture.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("CoreUsingAdapterFixture", "AdapterUsingApiFixture");
    }

    @Test
    void oneAdapterUsingAnotherIsReported() {
        EvaluationResult result = evaluate(ArchitectureRules.layers(), AdapterUsingOtherAdapterFixture.class,
                OtherAdapterFixture.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("OtherAdapterFixture");
    }

    @Test
    void anAdapterOnCoresMarkedApiKeepsTheLayers() {
        EvaluationResult layers = evaluate(ArchitectureRules.layers(), AdapterUsingApiFixture.class,
                MarkedApiFixture.class, MarkedApiFixture.Nested.class);
        EvaluationResult api = evaluate(ArchitectureRules.adaptersUseOnlyMarkedApi(), AdapterUsingApiFixture.class,
                MarkedApiFixture.class, MarkedApiFixture.Nested.class);

        assertThat(layers.hasViolation()).as(layers.getFailureReport().toString()).isFalse();
        assertThat(api.hasViolation()).as("a marked class, its nested class and an array of it: "
                + api.getFailureReport()).isFalse();
    }

    @Test
    void anAdapterUsingCoreInternalsIsReported() {
        EvaluationResult result = evaluate(ArchitectureRules.adaptersUseOnlyMarkedApi(),
                AdapterUsingInternalFixture.class, InternalFixture.class, MarkedInternalFixture.class);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .as("both the unmarked class and the one marked INTERNAL")
                .contains("InternalFixture.answer()", "MarkedInternalFixture.answer()");
    }

    @Test
    void aClassInternalForThePluginIsOpenToThePluginOnly() {
        EvaluationResult plugin = evaluate(ArchitectureRules.adaptersUseOnlyMarkedApi(),
                PluginUsingPluginOnlyFixture.class, PluginOnlyFixture.class);
        EvaluationResult adapter = evaluate(ArchitectureRules.adaptersUseOnlyMarkedApi(),
                AdapterUsingPluginOnlyFixture.class, PluginOnlyFixture.class);

        assertThat(plugin.hasViolation()).as(plugin.getFailureReport().toString()).isFalse();
        assertThat(adapter.hasViolation()).isTrue();
        assertThat(adapter.getFailureReport().toString()).contains("PluginOnlyFixture.answer()");
    }
}

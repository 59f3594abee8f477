package org.testtelemetry.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.conditions.ArchConditions.onlyHaveDependenciesWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The project's package and layering rules, stated once and checked by {@link ArchitectureTest} on every module's
 * classes (and by {@link ArchitectureRulesCanFailTest} on fixtures that break each one):
 * <ul>
 *   <li>no package cycles anywhere in {@code org.testtelemetry};</li>
 *   <li>layers: the report contract at the bottom (it uses nothing of ours), core above it, the adapters and the
 *       Maven plugin on top, none of which uses another; the collector server uses the report only;</li>
 *   <li>adapters, the plugin and the server use only core's (and the report's) public API: classes marked with apiguardian's
 *       {@code @API} in a status other than {@code INTERNAL}, or {@code INTERNAL} naming the caller's package among
 *       its {@code consumers} (a nested class is marked through its enclosing class).</li>
 * </ul>
 */
final class ArchitectureRules {

    static final String OURS = "org.testtelemetry..";
    static final String REPORT = "org.testtelemetry.report..";
    static final String CORE = "org.testtelemetry.core..";
    static final String JUNIT5 = "org.testtelemetry.junit5..";
    static final String TESTNG = "org.testtelemetry.testng..";
    static final String MAVEN = "org.testtelemetry.maven..";
    static final String SERVER = "org.testtelemetry.server..";

    private ArchitectureRules() {
    }

    /** Each package of ours is a slice; no two may depend on each other, directly or through others. */
    static ArchRule noPackageCycles() {
        return slices().matching("org.testtelemetry.(**)").should().beFreeOfCycles()
                .because("a package cycle makes two concerns one; move the shared helper down or pass the value in");
    }

    /** Report at the bottom, core above it, adapters and plugin on top and independent of each other. */
    static ArchRule layers() {
        return layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage(OURS)
                // ArchitectureTest checks that every layer has classes; the fixtures hold only a few layers each.
                .withOptionalLayers(true)
                .layer("Report").definedBy(REPORT)
                .layer("Core").definedBy(CORE)
                .layer("JUnit adapter").definedBy(JUNIT5)
                .layer("TestNG adapter").definedBy(TESTNG)
                .layer("Maven plugin").definedBy(MAVEN)
                .layer("Server").definedBy(SERVER)
                .whereLayer("Report").mayNotAccessAnyLayer()
                .whereLayer("Core").mayOnlyAccessLayers("Report")
                .whereLayer("Core").mayOnlyBeAccessedByLayers("JUnit adapter", "TestNG adapter", "Maven plugin")
                .whereLayer("JUnit adapter").mayNotBeAccessedByAnyLayer()
                .whereLayer("TestNG adapter").mayNotBeAccessedByAnyLayer()
                .whereLayer("Maven plugin").mayNotBeAccessedByAnyLayer()
                .whereLayer("Server").mayOnlyAccessLayers("Report")
                .whereLayer("Server").mayNotBeAccessedByAnyLayer()
                .because("the report is the contract client and server share; adapters only translate events");
    }

    /**
     * Adapters and the plugin call core and the report only through what is marked as public API: {@code @API} in
     * any status but INTERNAL, or INTERNAL with the calling package among its {@code consumers} (as JUnit marks
     * what one of its own modules may use of another).
     */
    static ArchRule adaptersUseOnlyMarkedApi() {
        return classes().that(resideInAnyPackage(JUNIT5, TESTNG, MAVEN, SERVER))
                .should(onlyHaveDependenciesWhere(OUTSIDE_CORE_OR_MARKED_API))
                .because("what adapters may call is marked @API(status = ...); everything else in core is internal");
    }

    static final DescribedPredicate<Dependency> OUTSIDE_CORE_OR_MARKED_API =
            new DescribedPredicate<>("the target is outside core and the report, or marked @API for the caller") {
                @Override
                public boolean test(Dependency dependency) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    if (!target.getPackageName().startsWith("org.testtelemetry.core")
                            && !target.getPackageName().startsWith("org.testtelemetry.report")) {
                        return true;
                    }
                    return apiFor(target, dependency.getOriginClass().getPackageName());
                }
            };

    /** Whether {@code type} (or a class enclosing it) is marked {@code @API} for callers in {@code callerPackage}. */
    static boolean apiFor(JavaClass type, String callerPackage) {
        for (Optional<JavaClass> at = Optional.of(type); at.isPresent(); at = at.get().getEnclosingClass()) {
            Optional<JavaAnnotation<JavaClass>> api = at.get().tryGetAnnotationOfType(API.class.getName());
            if (api.isEmpty()) {
                continue;
            }
            Object status = api.get().get("status").orElse(null);
            if (!(status instanceof JavaEnumConstant constant)) {
                return false;
            }
            if (!constant.name().equals(API.Status.INTERNAL.name())) {
                return true;
            }
            Object consumers = api.get().get("consumers").orElse(new String[0]);
            for (String consumer : (String[]) consumers) {
                if (callerPackage.equals(consumer) || callerPackage.startsWith(consumer + ".")) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }
}

package org.testtelemetry.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link ArchitectureRules} on the compiled main classes of every module of the reactor (read from each
 * module's {@code target/classes}, so the adapters' shaded jars do not blur which module a class belongs to).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        Path root = Path.of(System.getProperty("architecture.root", ".."));
        List<Path> folders = new ArrayList<>();
        for (String module : System.getProperty("architecture.modules", "").split(",")) {
            Path folder = root.resolve(module.trim()).resolve("target").resolve("classes").normalize();
            assertThat(folder).as("compiled classes of %s (build it before this module)", module).isDirectory();
            folders.add(folder);
        }
        assertThat(folders).as("-Darchitecture.modules").hasSizeGreaterThanOrEqualTo(6);
        classes = new ClassFileImporter().importPaths(folders);
    }

    @Test
    void everyModuleWasImported() {
        // A rule over no classes passes trivially; each layer must really be there.
        for (String pkg : List.of("org.testtelemetry.report", "org.testtelemetry.core.recorder",
                "org.testtelemetry.junit5", "org.testtelemetry.testng", "org.testtelemetry.maven", "org.testtelemetry.server")) {
            assertThat(classes.containPackage(pkg)).as(pkg).isTrue();
        }
    }

    @Test
    void noPackageCycles() {
        ArchitectureRules.noPackageCycles().check(classes);
    }

    @Test
    void reportAtTheBottomCoreInTheMiddleAdaptersOnTopAndIndependent() {
        ArchitectureRules.layers().check(classes);
    }

    @Test
    void adaptersAndPluginUseOnlyCoresMarkedPublicApi() {
        ArchitectureRules.adaptersUseOnlyMarkedApi().check(classes);
    }
}

package org.testtelemetry.core.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Environment.BuildTool;

class EnvironmentDetectorTest {

    @ParameterizedTest
    @CsvSource({"x86_64,amd64", "amd64,amd64", "AMD64,amd64", "aarch64,arm64", "arm64,arm64", "i386,x86", "i686,x86",
            "x86,x86", "arm,arm", "armv7l,arm", "ppc64le,ppc64le", "s390x,s390x", "riscv64,riscv64",
            "loongarch64,loongarch64", "SPARCV9,sparcv9"})
    void archIsNormalized(String osArch, String expected) {
        assertThat(Arch.normalize(osArch)).isEqualTo(expected);
    }

    @Test
    void detectsJavaOsArchAndCiWithoutCopyingValues() {
        Map<String, String> sys = Map.of("java.version", "21.0.4", "java.vendor", "Eclipse Adoptium",
                "os.name", "Linux", "os.version", "6.8.0", "os.arch", "aarch64");
        Environment env = EnvironmentDetector.detect(sys, Map.of("GITLAB_CI", "true", "CI_PROJECT_URL",
                "https://gitlab.example/acme/shop"), "junit5", null);
        assertThat(env.java()).isEqualTo(new Environment.JavaRuntime("21.0.4", "temurin"));
        assertThat(env.os()).isEqualTo(new Environment.OperatingSystem("linux", "6.8.0"));
        assertThat(env.arch()).isEqualTo("arm64");
        assertThat(env.ci()).isEqualTo("gitlab-ci");
        assertThat(env.telemetry().adapter()).isEqualTo("junit5");
        assertThat(env.telemetry().version()).isNotBlank();
        assertThat(env.frameworks()).isEmpty();
        assertThat(env.buildTool().name()).isEqualTo("unknown");
    }

    @Test
    void aBuildToolGivenByTheCallerWins() {
        Environment env = EnvironmentDetector.detect(Map.of("sun.java.command", "com.intellij.rt.junit.JUnitStarter"),
                Map.of(), "maven-plugin", new BuildTool("maven", "3.9.16"));
        assertThat(env.buildTool()).isEqualTo(new BuildTool("maven", "3.9.16"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sun.java.command|/tmp/surefire123/surefirebooter-2024.jar /tmp/surefire123 2024-x_1.tmp|maven",
            "surefire.test.class.path|/repo/target/test-classes|maven",
            "sun.java.command|org.codehaus.plexus.classworlds.launcher.Launcher test|maven",
            "org.gradle.test.worker|3|gradle",
            "sun.java.command|worker.org.gradle.process.internal.worker.GradleWorkerMain 'Gradle Test Executor 1'|gradle",
            "sun.java.command|com.intellij.rt.junit.JUnitStarter -ideVersion5 -junit5 com.acme.FooTest|ide",
            "sun.java.command|org.eclipse.jdt.internal.junit.runner.RemoteTestRunner -port 1234|ide",
            "sun.java.command|com.microsoft.java.test.runner.Launcher 5678 junit5|ide",
            "sun.java.command|org.junit.platform.console.ConsoleLauncher --scan-classpath|unknown"})
    void buildToolFromLauncherMarkers(String property, String value, String expected) {
        Map<String, String> sys = new HashMap<>();
        sys.put(property, value);
        assertThat(BuildTools.detect(sys, Map.of(), name -> false).name()).isEqualTo(expected);
    }

    @Test
    void mavenVersionIsKeptWhenKnown() {
        assertThat(BuildTools.detect(Map.of("maven.home", "/opt/maven", "maven.version", "3.9.16"), Map.of(), n -> false))
                .isEqualTo(new BuildTool("maven", "3.9.16"));
    }

    @Test
    void gradleWorkerClassOnTheClasspathMeansGradle() {
        assertThat(BuildTools.detect(Map.of(), Map.of(),
                n -> n.equals("org.gradle.api.internal.tasks.testing.worker.TestWorker")).name()).isEqualTo("gradle");
    }
}

package org.testtelemetry.core.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Environment.BuildTool;
import org.testtelemetry.report.Environment.Framework;

/** Honest values, as real JDKs, kernels and tools write them, are kept (as their canonical id or version). */
class VocabularyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Eclipse Adoptium|temurin", "AdoptOpenJDK|adoptopenjdk", "Amazon.com Inc.|corretto",
            "Azul Systems, Inc.|zulu", "GraalVM Community|graalvm-community", "Oracle Corporation|oracle",
            "Microsoft|microsoft", "Debian|debian", "Ubuntu|ubuntu", "Private Build|private-build",
            "Red Hat, Inc.|red-hat", "BellSoft|liberica", "SAP SE|sapmachine", "IBM Corporation|ibm",
            "International Business Machines Corporation|ibm", "Eclipse OpenJ9|openj9", "Alibaba|dragonwell",
            "Tencent|kona", "JetBrains s.r.o.|jetbrains", "Homebrew|homebrew", "Sun Microsystems Inc.|sun",
            "  Eclipse Adoptium |temurin", "temurin|temurin",
            "Acme Internal JDK|other", "N/A|other", "Eclipse Adoptium for secretbox02|other"})
    void javaVendors(String vendor, String id) {
        assertThat(Vocabulary.javaVendor(vendor)).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Linux|linux", "Mac OS X|macos", "Darwin|macos", "Windows 10|windows-10", "Windows 11|windows-11",
            "Windows Server 2022|windows-server-2022", "Windows Server 2019|windows-server-2019",
            "Windows Server 2012 R2|windows-server-2012-r2", "Windows NT (unknown)|windows", "FreeBSD|freebsd",
            "SunOS|solaris", "AIX|aix", "z/OS|zos", "windows-11|windows-11", "macos|macos",
            "Plan 9|other", "linux-secretbox02|other"})
    void osNames(String name, String id) {
        assertThat(Vocabulary.osName(name)).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // java.version of Temurin, Corretto, Zulu, GraalVM, Microsoft, Debian/Ubuntu builds, early access, Java 8
            "17.0.15|17.0.15", "21.0.7|21.0.7", "25|25", "25.0.3|25.0.3", "26-ea|26-ea", "1.8.0_452|1.8.0_452",
            "11.0.20.1|11.0.20", "17.0.15+6|17.0.15",
            // os.version: Debian, Ubuntu (generic, Azure), Fedora, WSL, this project's CI kernel, macOS, Windows
            "6.1.0-13-amd64|6.1.0", "6.8.0-45-generic|6.8.0", "5.15.0-1034-azure|5.15.0",
            "6.11.4-301.fc41.x86_64|6.11.4", "5.15.167.4-microsoft-standard-WSL2|5.15.167",
            "6.18.44-fc-v657|6.18.44", "14.4.1|14.4.1", "15.3|15.3", "10.0|10.0", "6.3|6.3",
            // frameworks, build tools, this library
            "5.14.4|5.14.4", "6.1.3|6.1.3", "7.12.0|7.12.0", "7.12.0-beta|7.12.0-beta", "5.0.0-M2|5.0.0-M2",
            "6.0.0-RC1|6.0.0-RC1", "4.0.0-rc-3|4.0.0-rc-3", "1.0.0.Final|1.0.0.Final", "4.13.2|4.13.2",
            "3.9.16|3.9.16", "8.14.3|8.14.3", "0.1.0-SNAPSHOT|0.1.0-SNAPSHOT", "v1.2.3|1.2.3",
            // what the issue found sent: a host name after the kernel version, an IP address
            "6.1.0-secretbox02|6.1.0", "192.0.2.2|192.0.2", "6.1.0-rc1secret|6.1.0", "6.1.0-beta-box7|6.1.0-beta"})
    void versionsKeepTheirNumericPrefixAndAKnownQualifier(String raw, String sent) {
        assertThat(Vocabulary.version(raw)).isEqualTo(sent);
    }

    @ParameterizedTest
    @CsvSource({"unknown", "secretbox02", "''", "１７.０.１５", "123456.1", "/opt/jdk-17"})
    void whatDoesNotStartWithAVersionIsNoVersion(String raw) {
        assertThat(Vocabulary.version(raw)).isNull();
    }

    @Test
    void unknownIdsAreOther() {
        assertThat(Vocabulary.arch("x86_64")).isEqualTo("amd64");
        assertThat(Vocabulary.arch("quantum-9000")).isEqualTo("other");
        assertThat(Vocabulary.ci("github-actions")).isEqualTo("github-actions");
        assertThat(Vocabulary.ci("ci")).isEqualTo("ci");
        assertThat(Vocabulary.ci("https://jenkins.acme.example")).isEqualTo("other");
        assertThat(Vocabulary.ci(null)).isNull();
        assertThat(Vocabulary.buildTool("maven")).isEqualTo("maven");
        assertThat(Vocabulary.buildTool("bazel-on-secretbox02")).isEqualTo("other");
        assertThat(Vocabulary.framework("junit-jupiter")).isEqualTo("junit-jupiter");
        assertThat(Vocabulary.framework("acme-internal-engine")).isEqualTo("other");
        assertThat(Vocabulary.adapter("testng")).isEqualTo("testng");
        assertThat(Vocabulary.adapter("secretbox02")).isEqualTo("other");
    }

    @Test
    void thisJvmsOwnVendorAndOsAreOnTheLists() {
        // the JDKs that build this project (Temurin, Debian's OpenJDK) and the OS it runs on are honest data
        assertThat(Vocabulary.javaVendor(System.getProperty("java.vendor"))).isNotEqualTo(Vocabulary.OTHER);
        assertThat(Vocabulary.osName(System.getProperty("os.name"))).isNotEqualTo(Vocabulary.OTHER);
        assertThat(Vocabulary.arch(System.getProperty("os.arch"))).isNotEqualTo(Vocabulary.OTHER);
        assertThat(Vocabulary.version(System.getProperty("java.version"))).isNotNull();
        assertThat(Vocabulary.version(System.getProperty("os.version"))).isNotNull();
    }

    @Test
    void canonicalIsIdempotent() {
        Environment raw = new Environment(new Environment.JavaRuntime("1.8.0_452", "Azul Systems, Inc."),
                List.of(new Framework("junit-jupiter", "5.14.4"), new Framework("my-engine", "x")),
                new Environment.TelemetryClient("0.1.0-SNAPSHOT", "junit5"),
                new Environment.OperatingSystem("Windows Server 2022", "10.0"), "x86_64", "gitlab-ci",
                new BuildTool("gradle", "8.14.3"));
        Environment once = Vocabulary.canonical(raw);
        assertThat(once.java()).isEqualTo(new Environment.JavaRuntime("1.8.0_452", "zulu"));
        assertThat(once.os()).isEqualTo(new Environment.OperatingSystem("windows-server-2022", "10.0"));
        assertThat(once.frameworks()).containsExactly(new Framework("junit-jupiter", "5.14.4"), new Framework("other", null));
        assertThat(once.arch()).isEqualTo("amd64");
        assertThat(Vocabulary.canonical(once)).isEqualTo(once);
    }
}

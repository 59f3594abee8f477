package org.testtelemetry.core.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Environment.BuildTool;
import org.testtelemetry.report.Environment.Framework;

/**
 * The words a report's environment may use: every field that is not a count or a hash is either an id from a list
 * kept here (or in {@link Arch}, {@link CiProviders}, {@link BuildTools}), {@value #OTHER} when the value is not on
 * the list, or a version reduced to its numeric dotted prefix plus at most a known qualifier. Nothing the machine
 * says is copied: {@code Eclipse Adoptium} is sent as {@code temurin}, {@code 6.1.0-secretbox02} as {@code 6.1.0}.
 *
 * <p>{@link EnvironmentDetector} applies {@link #canonical(Environment)} when it builds an environment, and the
 * privacy guard applies it again to every report it is given, so a report built elsewhere cannot bypass it
 * (the mapping is idempotent).
 *
 * <pre>{@code
 * Vocabulary.javaVendor("Amazon.com Inc.");      // "corretto"
 * Vocabulary.version("5.15.0-1034-azure");       // "5.15.0"
 * Vocabulary.version("7.12.0-beta");             // "7.12.0-beta"
 * }</pre>
 */
public final class Vocabulary {

    /** The id of any value that is not on a field's list. */
    public static final String OTHER = "other";

    /** {@code java.vendor} as written by each distribution, lower-cased, letters and digits only. */
    private static final Map<String, String> JAVA_VENDORS = Map.ofEntries(
            Map.entry("eclipseadoptium", "temurin"), Map.entry("adoptium", "temurin"),
            Map.entry("adoptopenjdk", "adoptopenjdk"),
            Map.entry("amazoncominc", "corretto"), Map.entry("amazoncom", "corretto"),
            Map.entry("azulsystemsinc", "zulu"), Map.entry("azulsystems", "zulu"),
            Map.entry("oraclecorporation", "oracle"), Map.entry("sunmicrosystemsinc", "sun"),
            Map.entry("graalvmcommunity", "graalvm-community"), Map.entry("graalvm", "graalvm"),
            Map.entry("microsoft", "microsoft"),
            Map.entry("debian", "debian"), Map.entry("ubuntu", "ubuntu"), Map.entry("privatebuild", "private-build"),
            Map.entry("redhatinc", "red-hat"), Map.entry("alpine", "alpine"), Map.entry("homebrew", "homebrew"),
            Map.entry("bellsoft", "liberica"), Map.entry("sapse", "sapmachine"),
            Map.entry("ibmcorporation", "ibm"), Map.entry("internationalbusinessmachinescorporation", "ibm"),
            Map.entry("eclipseopenj9", "openj9"), Map.entry("alibaba", "dragonwell"), Map.entry("tencent", "kona"),
            Map.entry("huaweitechnologiescoltd", "bisheng"), Map.entry("jetbrainssro", "jetbrains"));

    /** {@code os.name}, lower-cased with single spaces. */
    private static final Map<String, String> OS_NAMES = Map.ofEntries(
            Map.entry("linux", "linux"), Map.entry("mac os x", "macos"), Map.entry("macos", "macos"),
            Map.entry("darwin", "macos"), Map.entry("freebsd", "freebsd"), Map.entry("openbsd", "openbsd"),
            Map.entry("netbsd", "netbsd"), Map.entry("sunos", "solaris"), Map.entry("solaris", "solaris"),
            Map.entry("aix", "aix"), Map.entry("hp-ux", "hp-ux"), Map.entry("z/os", "zos"),
            Map.entry("os/400", "os400"), Map.entry("windows", "windows"));
    /** Windows releases keep their name ({@code os.version} is 10.0 for both 10 and 11); others are {@code windows}. */
    private static final Set<String> WINDOWS_RELEASES = Set.of("windows 7", "windows 8", "windows 8.1",
            "windows 10", "windows 11", "windows server 2012", "windows server 2012 r2", "windows server 2016",
            "windows server 2019", "windows server 2022", "windows server 2025");

    /** Test frameworks and JUnit Platform engine ids the adapters and the Maven plugin name. */
    private static final Set<String> FRAMEWORKS = Set.of("junit-platform", "junit-jupiter", "junit-vintage",
            "junit-platform-suite", "junit4", "testng", "spock", "kotest", "jqwik", "cucumber", "archunit", "spek2",
            "scalatest");

    /** The clients that write reports. */
    private static final Set<String> ADAPTERS = Set.of("junit5", "testng", "maven-plugin", "cli");

    /**
     * At most three numeric parts of at most four digits (a fourth part would let an IPv4 address through), Java 8's
     * {@code _nnn} update, then one known qualifier with at most two digits, ending where a word would go on.
     */
    private static final Pattern VERSION = Pattern.compile(
            "v?([0-9]{1,4}(?:\\.[0-9]{1,4}){0,2}(?![0-9])(?:_[0-9]{1,4}(?![0-9]))?"
                    + "(?:[-.](?:alpha|beta|rc|cr|m|milestone|ea|preview|snapshot|final|release|ga)(?:[-.]?[0-9]{1,2})?"
                    + "(?![A-Za-z0-9]))?)",
            Pattern.CASE_INSENSITIVE);

    private Vocabulary() {
    }

    /**
     * The environment as a report may carry it: each id from its list, each version reduced. Applying it twice
     * gives the same environment.
     */
    public static Environment canonical(Environment e) {
        if (e == null) {
            return null;
        }
        List<Framework> frameworks = new ArrayList<>();
        for (Framework f : e.frameworks()) {
            if (f != null) {
                frameworks.add(new Framework(framework(f.name()), version(f.version())));
            }
        }
        return new Environment(
                e.java() == null ? null
                        : new Environment.JavaRuntime(version(e.java().version()), javaVendor(e.java().vendor())),
                frameworks,
                e.telemetry() == null ? null
                        : new Environment.TelemetryClient(version(e.telemetry().version()), adapter(e.telemetry().adapter())),
                e.os() == null ? null : new Environment.OperatingSystem(osName(e.os().name()), version(e.os().version())),
                arch(e.arch()), ci(e.ci()),
                e.buildTool() == null ? null
                        : new BuildTool(buildTool(e.buildTool().name()), version(e.buildTool().version())));
    }

    /** {@code java.vendor} as a distribution id ({@code temurin}, {@code corretto}, ...), else {@value #OTHER}. */
    public static String javaVendor(String vendor) {
        if (blank(vendor)) {
            return null;
        }
        String key = vendor.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (JAVA_VENDORS.containsValue(vendor)) {
            return vendor; // already canonical
        }
        return JAVA_VENDORS.getOrDefault(key, OTHER);
    }

    /** {@code os.name} as an id ({@code linux}, {@code macos}, {@code windows-11}, ...), else {@value #OTHER}. */
    public static String osName(String name) {
        if (blank(name)) {
            return null;
        }
        String key = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (WINDOWS_RELEASES.contains(key)) {
            return key.replace(' ', '-');
        }
        if (WINDOWS_RELEASES.contains(key.replace('-', ' ')) || OS_NAMES.containsValue(key)) {
            return key; // already canonical
        }
        if (key.startsWith("windows")) {
            return "windows";
        }
        return OS_NAMES.getOrDefault(key, OTHER);
    }

    /** {@code os.arch} as {@link Arch} names it, else {@value #OTHER}. */
    public static String arch(String arch) {
        String id = Arch.normalize(arch);
        return id == null || Arch.ids().contains(id) ? id : OTHER;
    }

    /** A CI id from {@link CiProviders#ids()}, else {@value #OTHER}; null (not CI) stays null. */
    public static String ci(String ci) {
        return blank(ci) ? null : CiProviders.ids().contains(ci) ? ci : OTHER;
    }

    /** A build tool from {@link BuildTools#ids()}, else {@value #OTHER}. */
    public static String buildTool(String name) {
        return blank(name) ? null : BuildTools.ids().contains(name) ? name : OTHER;
    }

    /** A test framework or engine id from the list, else {@value #OTHER}. */
    public static String framework(String name) {
        return blank(name) ? null : FRAMEWORKS.contains(name) ? name : OTHER;
    }

    /** The client that wrote the report, else {@value #OTHER}. */
    public static String adapter(String adapter) {
        return blank(adapter) ? null : ADAPTERS.contains(adapter) ? adapter : OTHER;
    }

    /**
     * The numeric dotted prefix of a version plus at most a known qualifier ({@code 17.0.15}, {@code 1.8.0_452},
     * {@code 7.12.0-beta}, {@code 5.0.0-M2}); null when it does not start with a number.
     */
    public static String version(String version) {
        if (blank(version)) {
            return null;
        }
        Matcher m = VERSION.matcher(version.trim());
        return m.lookingAt() ? m.group(1) : null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

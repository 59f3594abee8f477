package org.testtelemetry.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.testtelemetry.report.Anonymization;

class ConfigurationTest {

    private static Configuration load(Map<String, String> sys, Map<String, String> env, Map<String, String> build,
                                      Map<String, String> file) {
        return Configuration.load(new ConfigInputs(sys, env, build, "junit-platform.properties", file, "telemetry.properties"));
    }

    private static Configuration sys(String... kv) {
        return load(map(kv), Map.of(), Map.of(), Map.of());
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsSendNothing() {
        Configuration c = Configuration.load(ConfigInputs.empty());
        assertThat(c.enabled()).isFalse();
        assertThat(c.disabledReason()).isEqualTo("telemetry.enabled is not true");
        assertThat(c.endpoint()).isNull();
        assertThat(c.anonymize()).isEqualTo(Anonymization.ALL);
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.writers()).containsExactly(WriterKind.FILE, WriterKind.STDOUT);
        assertThat(c.dryRun()).isFalse();
        assertThat(c.assertions()).isTrue();
        assertThat(c.warnings()).isEmpty();
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(c.source(key)).isEqualTo(ConfigSource.DEFAULT);
        }
    }

    @ParameterizedTest
    @EnumSource(ConfigSource.class)
    void eachSourceIsReadOnItsOwn(ConfigSource source) {
        Map<String, String> sys = new HashMap<>();
        Map<String, String> env = new HashMap<>();
        Map<String, String> build = new HashMap<>();
        Map<String, String> file = new HashMap<>();
        String key = "telemetry.endpoint";
        String value = "https://telemetry.example.org";
        switch (source) {
            case SYSTEM_PROPERTY -> sys.put(key, value);
            case ENVIRONMENT -> env.put("TELEMETRY_ENDPOINT", value);
            case BUILD -> build.put(key, value);
            case PROPERTIES_FILE -> file.put(key, value);
            case DEFAULT -> { }
        }
        Configuration c = load(sys, env, build, file);
        assertThat(c.source(ConfigKey.ENDPOINT)).isEqualTo(source);
        assertThat(c.endpoint() == null ? null : c.endpoint().toString())
                .isEqualTo(source == ConfigSource.DEFAULT ? null : value);
        assertThat(c.writers()).containsExactly(source == ConfigSource.DEFAULT ? WriterKind.FILE : WriterKind.HTTP,
                WriterKind.STDOUT);
    }

    @Test
    void precedenceIsSystemPropertyThenEnvironmentThenBuildThenFileThenDefault() {
        Map<String, String> sys = map("telemetry.timeout", "1s");
        Map<String, String> env = map("TELEMETRY_TIMEOUT", "2s", "TELEMETRY_ANONYMIZE", "project");
        Map<String, String> build = map("telemetry.timeout", "4s", "telemetry.anonymize", "none", "telemetry.dryRun", "true");
        Map<String, String> file = map("telemetry.timeout", "5s", "telemetry.anonymize", "none", "telemetry.dryRun", "false",
                "telemetry.project", "acme/shop");
        Configuration c = load(sys, env, build, file);
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.source(ConfigKey.TIMEOUT)).isEqualTo(ConfigSource.SYSTEM_PROPERTY);
        assertThat(c.anonymize()).isEqualTo(Anonymization.PROJECT);
        assertThat(c.source(ConfigKey.ANONYMIZE)).isEqualTo(ConfigSource.ENVIRONMENT);
        assertThat(c.dryRun()).isTrue();
        assertThat(c.sourceLabel(ConfigKey.DRY_RUN)).isEqualTo("junit-platform.properties");
        assertThat(c.project()).isEqualTo("acme/shop");
        assertThat(c.source(ConfigKey.PROJECT)).isEqualTo(ConfigSource.PROPERTIES_FILE);
        assertThat(c.source(ConfigKey.SALT)).isEqualTo(ConfigSource.DEFAULT);
    }

    @Test
    void environmentVariableNamesAreDerivedFromTheKeys() {
        assertThat(ConfigKey.ENABLED.envName()).isEqualTo("TELEMETRY_ENABLED");
        assertThat(ConfigKey.DRY_RUN.envName()).isEqualTo("TELEMETRY_DRY_RUN");
        assertThat(ConfigKey.COVERAGE_CLASSES.envName()).isEqualTo("TELEMETRY_COVERAGE_CLASSES");
        assertThat(ConfigKey.RUN_DIR.envName()).isEqualTo("TELEMETRY_RUN_DIR");
        Configuration c = load(Map.of(), map("TELEMETRY_ENABLED", "true", "TELEMETRY_DRY_RUN", "yes"), Map.of(), Map.of());
        assertThat(c.enabled()).isTrue();
        assertThat(c.dryRun()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"1", "true", "TRUE", " 1 ", "yes", "on", "2", "anything"})
    void doNotTrackDisablesEverythingWhateverElseIsSet(String value) {
        Configuration c = load(map("telemetry.enabled", "true", "telemetry.endpoint", "https://t.example.org"),
                map("DO_NOT_TRACK", value), Map.of(), Map.of());
        assertThat(c.enabled()).isFalse();
        assertThat(c.doNotTrack()).isTrue();
        assertThat(c.disabledReason()).isEqualTo("DO_NOT_TRACK is set");
    }

    @ParameterizedTest
    @CsvSource({"0", "false", "FALSE", "' 0 '", "''", "'  '"})
    void doNotTrackOffLeavesTelemetryOn(String value) {
        Configuration c = load(map("telemetry.enabled", "true"), map("DO_NOT_TRACK", value), Map.of(), Map.of());
        assertThat(c.enabled()).isTrue();
        assertThat(c.disabledReason()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "telemetry.anonymize|everything|expected all, project or none|the default all",
            "telemetry.endpoint|ftp://files.example.org|expected an http:// or https:// URL|no endpoint",
            "telemetry.endpoint|not a url|expected an http:// or https:// URL|no endpoint",
            "telemetry.timeout|-5s|expected a positive duration|the default 3s",
            "telemetry.timeout|0|expected a positive duration|the default 3s",
            "telemetry.timeout|soon|expected a positive duration|the default 3s",
            "telemetry.enabled|maybe|expected true or false|the default false",
            "telemetry.dryRun|sure|expected true or false|the default false",
            "telemetry.writers|carrier-pigeon|expected one or more of http, stdout, file|the default file,stdout"})
    void aBadValueIsOneWarningNamingKeyValueAndDefault(String key, String value, String expected, String used) {
        Configuration c = sys(key, value);
        assertThat(c.warnings()).hasSize(1);
        String warning = c.warnings().get(0).line();
        assertThat(warning).doesNotContain("\n")
                .startsWith("Test telemetry: ignoring " + key + "='" + value + "' from system property")
                .contains(expected).endsWith("using " + used);
        assertThat(c.enabled()).isFalse();
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.anonymize()).isEqualTo(Anonymization.ALL);
    }

    @Test
    void aBadValueFallsBackToTheDefaultNotToALowerSource() {
        // the user's higher-precedence value is wrong: warn and use the default, not silently another source
        Configuration c = load(map("telemetry.anonymize", "bogus"), map("TELEMETRY_ANONYMIZE", "none"), Map.of(), Map.of());
        assertThat(c.anonymize()).isEqualTo(Anonymization.ALL);
        assertThat(c.source(ConfigKey.ANONYMIZE)).isEqualTo(ConfigSource.DEFAULT);
    }

    @Test
    void theTokenNeverAppearsInWarningsOrDisplay() {
        Configuration c = sys("telemetry.token", "s3cr3t-token-value", "telemetry.salt", "pepper-value");
        assertThat(c.token()).isEqualTo("s3cr3t-token-value");
        assertThat(c.displayValue(ConfigKey.TOKEN)).isEqualTo("******");
        assertThat(c.displayValue(ConfigKey.SALT)).isEqualTo("******");
    }

    @ParameterizedTest
    @CsvSource({"http://t.example.org/?k=Xy7", "https://t.example.org/base?token=Xy7#Zq9", "https://t.example.org/#Zq9"})
    void anEndpointWithAQueryOrFragmentIsRejectedWithOneWarningThatHidesIt(String endpoint) {
        Configuration c = sys("telemetry.endpoint", endpoint);
        assertThat(c.endpoint()).isNull();
        assertThat(c.warnings()).singleElement().asString()
                .contains("expected a base URL without ?query or #fragment").endsWith("using no endpoint")
                .doesNotContain("Xy7").doesNotContain("Zq9");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://bob:Hunter2-Pass@t.example.org/base",
            "ftp://bob:Hunter2-Pass@t.example.org/base",
            "htp//bob:Hunter2-Pass@t.example.org",
            "https://bob:Hunter2-Pass@t.example.org/base?Hunter2-Pass"})
    void noEndpointCredentialInWarningsOrDisplay(String endpoint) {
        Configuration c = sys("telemetry.endpoint", endpoint);
        assertThat(c.warnings()).map(ConfigWarning::line).noneMatch(w -> w.contains("Hunter2"));
        assertThat(String.valueOf(c.displayValue(ConfigKey.ENDPOINT))).doesNotContain("Hunter2");
        assertThat(SecretMask.of(c).scrub("java.io.IOException: cannot reach " + endpoint + " (Hunter2-Pass)"))
                .doesNotContain("Hunter2");
    }

    @Test
    void anAcceptedEndpointWithUserInfoIsShownMasked() {
        Configuration c = sys("telemetry.endpoint", "https://bob:Hunter2-Pass@t.example.org/base");
        assertThat(c.endpoint()).isNotNull();
        assertThat(c.warnings()).isEmpty();
        assertThat(c.displayValue(ConfigKey.ENDPOINT)).isEqualTo("https://******@t.example.org/base");
    }

    @ParameterizedTest
    @CsvSource({"3s,3000", "500ms,500", "1.5s,1500", "2m,120000", "PT2S,2000", "4,4000", "0.25,250"})
    void durationsAcceptTheUsualForms(String text, long millis) {
        assertThat(sys("telemetry.timeout", text).timeout()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void writersKeepTheirOrderAndIgnoreUnknownOnesWithAWarning() {
        Configuration c = sys("telemetry.writers", "stdout, http,fax");
        assertThat(c.writers()).containsExactly(WriterKind.STDOUT, WriterKind.HTTP);
        assertThat(c.warnings()).singleElement().asString().contains("fax");
    }

    @Test
    void warningsAreValuesThatNameTheirKey() {
        Configuration c = sys("telemetry.enabled", "maybe", "telemetry.timeout", "soon", "telemetry.writers", "http,fax");

        assertThat(c.warnings()).extracting(ConfigWarning::key)
                .containsExactly(ConfigKey.ENABLED, ConfigKey.TIMEOUT, ConfigKey.WRITERS);
        assertThat(c.warnings().get(0).line()).startsWith("Test telemetry: ignoring telemetry.enabled='maybe'");
    }

    @Test
    void everyKeyHasAParserADescriptionAndADefaultItsParserAccepts() throws Exception {
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(key.description()).as(key.key()).isNotBlank().doesNotContain("\n");
            if (key.defaultText() != null) {
                assertThat(key.parse(key.defaultText())).as(key.key()).isEqualTo(key.defaultValue());
            }
        }
        assertThat(ConfigKey.TIMEOUT.defaultValue()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ConfigKey.ANONYMIZE.defaultValue()).isEqualTo(Anonymization.ALL);
    }

    @Test
    void blankValuesAreUnset() {
        Configuration c = load(map("telemetry.endpoint", " "), map("TELEMETRY_ENDPOINT", "http://127.0.0.1:9"), Map.of(), Map.of());
        assertThat(c.endpoint().toString()).isEqualTo("http://127.0.0.1:9");
        assertThat(c.source(ConfigKey.ENDPOINT)).isEqualTo(ConfigSource.ENVIRONMENT);
    }

    @Test
    void outboxAndKeyLiveInTheUsersHomeByDefault(@TempDir Path home) {
        Configuration c = sys("user.home", home.toString());
        assertThat(c.stateDir()).isEqualTo(home.resolve(".test-telemetry"));
        assertThat(c.outbox()).isEqualTo(home.resolve(".test-telemetry").resolve("outbox"));
        Configuration moved = sys("user.home", home.toString(), "telemetry.outbox", home.resolve("elsewhere").toString());
        assertThat(moved.outbox()).isEqualTo(home.resolve("elsewhere"));
    }

    @Test
    void coverageClassesAreAListOfPaths() {
        Configuration c = sys("telemetry.coverage.classes", "target/classes,lib/app.jar");
        assertThat(c.coverageClasses()).containsExactly(Path.of("target/classes"), Path.of("lib/app.jar"));
    }

    @Test
    void propertiesFileIsFoundInTheProjectDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("telemetry.properties"), "telemetry.enabled=true\ntelemetry.anonymize=project\n");
        ConfigInputs inputs = ConfigInputs.fromProcess(dir, Map.of(), null, null);
        assertThat(inputs.propertiesFile()).containsEntry("telemetry.anonymize", "project");
        assertThat(inputs.propertiesLabel()).contains("project directory");
        Configuration c = Configuration.load(new ConfigInputs(Map.of(), Map.of(), Map.of(), null,
                inputs.propertiesFile(), inputs.propertiesLabel()));
        assertThat(c.enabled()).isTrue();
        assertThat(c.anonymize()).isEqualTo(Anonymization.PROJECT);
        assertThat(c.sourceLabel(ConfigKey.ANONYMIZE)).isEqualTo("telemetry.properties in the project directory");
    }

    @Test
    void propertiesFileIsFoundOnTheClasspath(@TempDir Path dir) throws Exception {
        Path resources = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(resources.resolve("telemetry.properties"), "telemetry.timeout=7s\n");
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {resources.toUri().toURL()}, null)) {
            ConfigInputs inputs = ConfigInputs.fromProcess(dir.resolve("no-such-project"), Map.of(), null, loader);
            assertThat(inputs.propertiesLabel()).contains("classpath");
            assertThat(Configuration.load(inputs).timeout()).isEqualTo(Duration.ofSeconds(7));
        }
    }
}

package org.testtelemetry.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testtelemetry.core.privacy.PrivacyGuard;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.ReportBuilder;
import org.testtelemetry.report.ReportJson;
import org.testtelemetry.report.SampleReports;

class AnonymizerTest {

    private static final byte[] KEY = "team-secret-salt".getBytes(StandardCharsets.UTF_8);
    private static final ProjectName NAME = new ProjectName("com.AcmeCorp", "Payment-Gateway");

    private static String json(Project project) {
        return ReportJson.write(PrivacyGuard.of(Map.of(), Map.of(), null).enforce(ReportBuilder.create(SampleReports.environment(null, null, java.util.List.of()), project).build()));
    }

    @ParameterizedTest
    @EnumSource(value = Anonymization.class, names = {"ALL", "PROJECT"})
    void theRawNameNeverAppearsInTheJson(Anonymization mode) {
        String json = json(new Anonymizer(KEY).apply(NAME, mode)).toLowerCase();
        assertThat(json).doesNotContain("payment").doesNotContain("gateway");
        if (mode == Anonymization.ALL) {
            assertThat(json).doesNotContain("acmecorp");
        }
    }

    @Test
    void projectModeKeepsTheVendorInClear() {
        Project p = new Anonymizer(KEY).apply(NAME, Anonymization.PROJECT);
        assertThat(p.vendor()).isEqualTo("com.AcmeCorp");
        assertThat(p.name()).startsWith("h1-").hasSize(3 + 32);
        assertThat(json(p)).contains("\"vendor\":\"com.AcmeCorp\"").contains("\"anonymized\":\"project\"");
    }

    @Test
    void noneModeSendsTheNamesAsTheyAre() {
        assertThat(new Anonymizer(KEY).apply(NAME, Anonymization.NONE))
                .isEqualTo(new Project("com.AcmeCorp", "Payment-Gateway", Anonymization.NONE));
    }

    @Test
    void sameNameAndKeyGiveTheSameIdAcrossInstancesAndCase() {
        Project a = new Anonymizer(KEY).apply(NAME, Anonymization.ALL);
        Project b = new Anonymizer(KEY.clone()).apply(new ProjectName(" com.acmecorp", "payment-gateway "), Anonymization.ALL);
        assertThat(a).isEqualTo(b);
        assertThat(a.vendor()).matches("h1-[0-9a-f]{32}");
    }

    @Test
    void anotherKeyGivesAnotherId() {
        Project a = new Anonymizer(KEY).apply(NAME, Anonymization.ALL);
        Project b = new Anonymizer("other-salt".getBytes(StandardCharsets.UTF_8)).apply(NAME, Anonymization.ALL);
        assertThat(a.vendor()).isNotEqualTo(b.vendor());
        assertThat(a.name()).isNotEqualTo(b.name());
    }

    @Test
    void theSameNameUnderTwoVendorsGetsTwoIds() {
        Anonymizer anonymizer = new Anonymizer(KEY);
        assertThat(anonymizer.hashName("org.one", "core")).isNotEqualTo(anonymizer.hashName("org.two", "core"));
        // a vendor's id and a project's id never collide by construction (domain-separated inputs)
        assertThat(anonymizer.hashVendor("core")).isNotEqualTo(anonymizer.hashName("", "core"));
    }

    @Test
    void itIsNotAPlainHashOfThePublicName() throws Exception {
        var sha = java.security.MessageDigest.getInstance("SHA-256");
        String plain = java.util.HexFormat.of().formatHex(sha.digest("com.acmecorp".getBytes(StandardCharsets.UTF_8)));
        var md5 = java.security.MessageDigest.getInstance("MD5");
        String atoumStyle = java.util.HexFormat.of().formatHex(md5.digest("com.AcmeCorp/Payment-Gateway".getBytes(StandardCharsets.UTF_8)));
        Project p = new Anonymizer(KEY).apply(NAME, Anonymization.ALL);
        assertThat(plain).doesNotContain(p.vendor().substring(3));
        assertThat(p.name()).doesNotContain(atoumStyle.substring(0, 16));
    }

    @Test
    void unknownNamesStayNull() {
        assertThat(new Anonymizer(KEY).apply(new ProjectName(null, null), Anonymization.ALL))
                .isEqualTo(new Project(null, null, Anonymization.ALL));
    }
}

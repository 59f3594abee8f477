package org.testtelemetry.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectIdentityTest {

    @TempDir
    Path dir;
    private final List<String> warnings = new ArrayList<>();

    private ProjectName resolve(String explicit, ProjectName fromBuild) {
        return ProjectIdentity.resolve(explicit, fromBuild, dir, warnings::add);
    }

    private void pom(String body) throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<?xml version=\"1.0\"?>\n"
                + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">" + body + "</project>");
    }

    @Test
    void explicitSettingWins() throws Exception {
        pom("<groupId>org.pom</groupId><artifactId>from-pom</artifactId>");
        assertThat(resolve("acme/shop", new ProjectName("org.build", "from-build"))).isEqualTo(new ProjectName("acme", "shop"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void buildCoordinatesComeBeforeThePom() throws Exception {
        pom("<groupId>org.pom</groupId><artifactId>from-pom</artifactId>");
        assertThat(resolve(null, new ProjectName("org.build", "from-build"))).isEqualTo(new ProjectName("org.build", "from-build"));
    }

    @Test
    void pomCoordinatesWithGroupIdInheritedFromParent() throws Exception {
        pom("<parent><groupId>org.parent</groupId><artifactId>p</artifactId><version>1</version></parent>"
                + "<artifactId>child</artifactId>");
        assertThat(resolve(null, null)).isEqualTo(new ProjectName("org.parent", "child"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void placeholdersResolveFromThePomsOwnProperties() throws Exception {
        pom("<properties><org>acme</org><base>shop</base></properties>"
                + "<groupId>com.${org}</groupId><artifactId>${base}-service</artifactId>");
        assertThat(resolve(null, null)).isEqualTo(new ProjectName("com.acme", "shop-service"));
    }

    @Test
    void projectGroupIdPlaceholderResolves() throws Exception {
        pom("<groupId>org.acme</groupId><artifactId>${project.groupId}.tools</artifactId>");
        assertThat(resolve(null, null)).isEqualTo(new ProjectName("org.acme", "org.acme.tools"));
    }

    @Test
    void anUnresolvablePlaceholderIsLeftOutWithAWarning() throws Exception {
        pom("<groupId>${revision.group}</groupId><artifactId>shop</artifactId>");
        assertThat(resolve(null, null)).isEqualTo(new ProjectName(null, "shop"));
        assertThat(warnings).singleElement().asString()
                .contains("groupId '${revision.group}'").contains("leaving it out").doesNotContain("\n");
    }

    @Test
    void aMalformedPomIsAWarningNotAnException() throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project><groupId>org.acme</groupId><artifactId>");
        assertThat(resolve(null, null)).isEqualTo(new ProjectName(null, null));
        assertThat(warnings).singleElement().asString().startsWith("Test telemetry: cannot read").doesNotContain("\n");
    }

    @Test
    void aPomWithADoctypeIsRejectedNotExpanded() throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<?xml version=\"1.0\"?><!DOCTYPE project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<project><groupId>&x;</groupId><artifactId>a</artifactId></project>");
        assertThat(resolve(null, null)).isEqualTo(new ProjectName(null, null));
        assertThat(warnings).hasSize(1);
    }

    @Test
    void noPomMeansUnknownSilently() {
        assertThat(resolve(null, null)).isEqualTo(new ProjectName(null, null));
        assertThat(warnings).isEmpty();
    }

    @Test
    void anInvalidExplicitNameIsAClearWarningAndThePomIsUsed() throws Exception {
        pom("<groupId>org.pom</groupId><artifactId>from-pom</artifactId>");
        for (String bad : List.of("noslash", "a/b/c", "../etc", "acme/shop name", "/shop", "acme/")) {
            warnings.clear();
            assertThat(resolve(bad, null)).as(bad).isEqualTo(new ProjectName("org.pom", "from-pom"));
            assertThat(warnings).singleElement().asString()
                    .contains("telemetry.project='" + bad + "'").contains("expected vendor/name");
        }
    }

    @Test
    void thisRepositorysOwnPomIsRead() {
        Path repoPom = Path.of("pom.xml").toAbsolutePath();
        ProjectName name = ProjectIdentity.resolve(null, null, repoPom.getParent(), warnings::add);
        assertThat(name).isEqualTo(new ProjectName("org.testtelemetry", "telemetry-core"));
    }
}

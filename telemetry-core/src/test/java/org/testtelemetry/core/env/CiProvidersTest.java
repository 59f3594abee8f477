package org.testtelemetry.core.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CiProvidersTest {

    /** Each provider with the variables it really sets (a representative subset, values as the providers set them). */
    static Stream<Arguments> providers() {
        return Stream.of(
                Arguments.of("github-actions", env("CI", "true", "GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "acme/shop")),
                Arguments.of("gitlab-ci", env("CI", "true", "GITLAB_CI", "true")),
                Arguments.of("jenkins", env("JENKINS_URL", "https://jenkins.acme.example/", "BUILD_NUMBER", "12")),
                Arguments.of("azure-pipelines", env("TF_BUILD", "True", "BUILD_BUILDID", "3")),
                Arguments.of("circleci", env("CI", "true", "CIRCLECI", "true")),
                Arguments.of("travis-ci", env("CI", "true", "TRAVIS", "true")),
                Arguments.of("bitbucket-pipelines", env("CI", "true", "BITBUCKET_BUILD_NUMBER", "7")),
                Arguments.of("teamcity", env("TEAMCITY_VERSION", "2024.12", "BUILD_NUMBER", "5")),
                Arguments.of("aws-codebuild", env("CODEBUILD_BUILD_ID", "proj:1234")),
                Arguments.of("buildkite", env("CI", "true", "BUILDKITE", "true")),
                Arguments.of("appveyor", env("CI", "True", "APPVEYOR", "True")),
                Arguments.of("bitrise", env("CI", "true", "BITRISE_IO", "true")),
                Arguments.of("drone", env("CI", "true", "DRONE", "true")),
                Arguments.of("codefresh", env("CF_BUILD_ID", "abc123")),
                Arguments.of("buddy", env("BUDDY", "true", "BUDDY_WORKSPACE_ID", "1")),
                Arguments.of("semaphore", env("CI", "true", "SEMAPHORE", "true")),
                Arguments.of("cirrus-ci", env("CI", "true", "CIRRUS_CI", "true")),
                Arguments.of("google-cloud-build", env("BUILDER_OUTPUT", "/builder/outputs")),
                Arguments.of("harness", env("CI", "true", "DRONE", "true", "HARNESS_BUILD_ID", "42")),
                Arguments.of("woodpecker", env("CI", "woodpecker", "CI_SYSTEM_NAME", "woodpecker", "DRONE", "true")),
                Arguments.of("gocd", env("GO_PIPELINE_LABEL", "17", "GO_SERVER_URL", "https://go.acme.example")),
                Arguments.of("jetbrains-space", env("JB_SPACE_EXECUTION_NUMBER", "9")),
                Arguments.of("bamboo", env("bamboo_buildKey", "PROJ-PLAN-JOB1")),
                Arguments.of("sourcehut", env("CI", "true", "CI_NAME", "sourcehut", "JOB_ID", "1")),
                Arguments.of("gitea-actions", env("CI", "true", "GITHUB_ACTIONS", "true", "GITEA_ACTIONS", "true")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void detectsEachProviderFromItsOwnVariables(String id, Map<String, String> env) {
        assertThat(CiProviders.detect(env)).isEqualTo(id);
    }

    @Test
    void theTableCoversEveryProviderTheClassKnows() {
        List<String> tested = providers().map(a -> (String) a.get()[0]).toList();
        assertThat(CiProviders.ids()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(tested.stream(), Stream.of("ci")).toList());
    }

    static Stream<Arguments> ambiguous() {
        return Stream.of(
                Arguments.of("only CI=true", env("CI", "true"), "ci"),
                Arguments.of("CI=1", env("CI", "1"), "ci"),
                Arguments.of("CONTINUOUS_INTEGRATION", env("CONTINUOUS_INTEGRATION", "true"), "ci"),
                Arguments.of("BUILD_NUMBER only", env("BUILD_NUMBER", "17"), "ci"),
                Arguments.of("CI=false wins over a provider", env("CI", "false", "GITHUB_ACTIONS", "true"), null),
                Arguments.of("CI=false alone", env("CI", "false"), null),
                Arguments.of("GITHUB_ACTIONS=false", env("GITHUB_ACTIONS", "false"), null),
                Arguments.of("empty marker", env("TRAVIS", ""), null),
                Arguments.of("a laptop", env("HOME", "/home/alice", "TERM", "xterm"), null),
                Arguments.of("Gitea sets GitHub's variable too", env("GITHUB_ACTIONS", "true", "GITEA_ACTIONS", "true"), "gitea-actions"),
                Arguments.of("Harness runs Drone's runner", env("DRONE", "true", "HARNESS_BUILD_ID", "1"), "harness"),
                Arguments.of("Woodpecker sets DRONE", env("DRONE", "true", "CI", "woodpecker"), "woodpecker"),
                Arguments.of("Jenkins via JENKINS_HOME and BUILD_ID", env("JENKINS_HOME", "/var/jenkins", "BUILD_ID", "3"), "jenkins"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguous")
    void ambiguousCases(String name, Map<String, String> env, String expected) {
        assertThat(CiProviders.detect(env)).isEqualTo(expected);
    }

    @Test
    void nullEnvironmentIsNotCi() {
        assertThat(CiProviders.detect(null)).isNull();
    }

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}

package org.testtelemetry.core.env;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which CI service runs this build, from the variables each provider documents. Only the canonical id
 * leaves this class: no variable's value is ever copied into a report.
 *
 * <p>Order matters where providers imitate others: Gitea Actions sets {@code GITHUB_ACTIONS}, Harness and
 * Woodpecker set Drone's variables, so they are checked first.
 */
public final class CiProviders {

    /** The id used when only a generic variable ({@code CI}, {@code BUILD_NUMBER}, ...) says this is CI. */
    public static final String GENERIC = "ci";

    private record Provider(String id, Predicate<Map<String, String>> detects) { }

    private static final List<Provider> PROVIDERS = List.of(
            new Provider("gitea-actions", env -> truthy(env, "GITEA_ACTIONS")),
            new Provider("github-actions", env -> truthy(env, "GITHUB_ACTIONS")),
            new Provider("gitlab-ci", env -> truthy(env, "GITLAB_CI")),
            new Provider("jenkins", env -> present(env, "JENKINS_URL") || present(env, "JENKINS_HOME") && present(env, "BUILD_ID")),
            new Provider("azure-pipelines", env -> truthy(env, "TF_BUILD")),
            new Provider("circleci", env -> truthy(env, "CIRCLECI")),
            new Provider("travis-ci", env -> truthy(env, "TRAVIS")),
            new Provider("bitbucket-pipelines", env -> present(env, "BITBUCKET_BUILD_NUMBER")),
            new Provider("teamcity", env -> present(env, "TEAMCITY_VERSION")),
            new Provider("aws-codebuild", env -> present(env, "CODEBUILD_BUILD_ID")),
            new Provider("buildkite", env -> truthy(env, "BUILDKITE")),
            new Provider("appveyor", env -> truthy(env, "APPVEYOR")),
            new Provider("bitrise", env -> truthy(env, "BITRISE_IO") || present(env, "BITRISE_BUILD_NUMBER")),
            new Provider("harness", env -> present(env, "HARNESS_BUILD_ID")),
            new Provider("woodpecker", env -> equalsIgnoreCase(env, "CI", "woodpecker") || equalsIgnoreCase(env, "CI_SYSTEM_NAME", "woodpecker")),
            new Provider("drone", env -> truthy(env, "DRONE")),
            new Provider("codefresh", env -> present(env, "CF_BUILD_ID")),
            new Provider("buddy", env -> truthy(env, "BUDDY") || present(env, "BUDDY_WORKSPACE_ID")),
            new Provider("semaphore", env -> truthy(env, "SEMAPHORE")),
            new Provider("cirrus-ci", env -> truthy(env, "CIRRUS_CI")),
            new Provider("google-cloud-build", env -> present(env, "BUILDER_OUTPUT")),
            new Provider("gocd", env -> present(env, "GO_PIPELINE_LABEL")),
            new Provider("jetbrains-space", env -> present(env, "JB_SPACE_EXECUTION_NUMBER")),
            new Provider("bamboo", env -> present(env, "bamboo_buildKey") || present(env, "bamboo_planKey")),
            new Provider("sourcehut", env -> equalsIgnoreCase(env, "CI_NAME", "sourcehut")));

    private static final List<String> GENERIC_MARKERS = List.of("CI", "CONTINUOUS_INTEGRATION", "BUILD_NUMBER",
            "BUILD_ID", "RUN_ID", "CI_NAME");

    private CiProviders() {
    }

    /** Every canonical id this class can return, generic last. */
    public static List<String> ids() {
        List<String> ids = new java.util.ArrayList<>(PROVIDERS.stream().map(Provider::id).toList());
        ids.add(GENERIC);
        return List.copyOf(ids);
    }

    /**
     * @return the provider's canonical id, {@link #GENERIC} when only a generic marker is set, or null when
     *         this is not CI ({@code CI=false} says so whatever else is set)
     */
    public static String detect(Map<String, String> env) {
        if (env == null) {
            return null;
        }
        String ci = env.get("CI");
        if (ci != null && isFalse(ci)) {
            return null;
        }
        for (Provider provider : PROVIDERS) {
            if (provider.detects().test(env)) {
                return provider.id();
            }
        }
        for (String marker : GENERIC_MARKERS) {
            if (truthy(env, marker)) {
                return GENERIC;
            }
        }
        return null;
    }

    private static boolean present(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    private static boolean truthy(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank() && !isFalse(v);
    }

    private static boolean equalsIgnoreCase(Map<String, String> env, String name, String expected) {
        String v = env.get(name);
        return v != null && v.trim().equalsIgnoreCase(expected);
    }

    private static boolean isFalse(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        return t.equals("false") || t.equals("0") || t.equals("no");
    }
}

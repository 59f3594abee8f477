package org.testtelemetry.core.assertions;

import java.util.Set;

/**
 * The assertion entry points whose call sites are counted, one count per call. The list is explicit: a call counts
 * when its owner is one of these types and its name matches.
 * <ul>
 *   <li>JUnit Jupiter {@code org.junit.jupiter.api.Assertions}, JUnit 4 {@code org.junit.Assert}, TestNG
 *       {@code org.testng.Assert}, {@code AssertJUnit}, {@code asserts.Assertion} and {@code asserts.SoftAssert}:
 *       {@code assert*} and {@code fail*}, except {@code assertAll} (it groups assertions that count themselves,
 *       or reports soft assertions already counted);</li>
 *   <li>AssertJ {@code Assertions}, {@code AssertionsForClassTypes}, {@code AssertionsForInterfaceTypes},
 *       {@code BDDAssertions}, {@code Fail}, the Java 6 variants, {@code WithAssertions} (also through a test class
 *       that implements it directly) and every {@code SoftAssertions} type: {@code assertThat*} (so
 *       {@code assertThatThrownBy}, {@code assertThatCode}, ...), {@code assertWith}, {@code then*},
 *       {@code fail*} — one per subject, however many checks are chained on it;</li>
 *   <li>Hamcrest {@code org.hamcrest.MatcherAssert.assertThat};</li>
 *   <li>Google Truth {@code Truth.assertThat}, {@code Truth.assertWithMessage}, {@code Truth8.assertThat} — one
 *       per subject;</li>
 *   <li>Mockito {@code Mockito}/{@code BDDMockito} {@code verify}, {@code verifyNoMoreInteractions},
 *       {@code verifyNoInteractions}; {@code InOrder.verify*}; {@code MockedStatic.verify*}; BDDMockito
 *       {@code then(mock).should*()}.</li>
 * </ul>
 * Not counted: a method reference to an entry point ({@code Assertions::assertTrue}), a call made through a
 * subclass or interface not named here, Truth's {@code Expect} rule.
 */
public final class EntryPoints {

    private static final Set<String> XUNIT = Set.of(
            "org/junit/jupiter/api/Assertions",
            "org/junit/Assert",
            "org/testng/Assert",
            "org/testng/AssertJUnit",
            "org/testng/asserts/Assertion",
            "org/testng/asserts/SoftAssert");

    private static final String ASSERTJ = "org/assertj/core/api/";
    private static final String WITH_ASSERTIONS = ASSERTJ + "WithAssertions";
    private static final Set<String> ASSERTJ_TYPES = Set.of(
            "Assertions", "AssertionsForClassTypes", "AssertionsForInterfaceTypes", "BDDAssertions", "Fail",
            "Java6Assertions", "Java6BDDAssertions", "WithAssertions",
            "SoftAssertions", "BDDSoftAssertions", "AutoCloseableSoftAssertions", "AutoCloseableBDDSoftAssertions",
            "JUnitSoftAssertions", "JUnitBDDSoftAssertions", "JUnitJupiterSoftAssertions",
            "JUnitJupiterBDDSoftAssertions", "Java6SoftAssertions", "Java6BDDSoftAssertions",
            "Java6JUnitSoftAssertions", "Java6JUnitBDDSoftAssertions", "ProxyableSoftAssertions",
            "StandardSoftAssertionsProvider", "BDDSoftAssertionsProvider", "Java6StandardSoftAssertionsProvider",
            "Java6BDDSoftAssertionsProvider", "SoftAssertionsProvider");

    private static final Set<String> MOCKITO_VERIFY = Set.of(
            "org/mockito/Mockito", "org/mockito/BDDMockito", "org/mockito/InOrder", "org/mockito/MockedStatic");

    /**
     * Package prefixes of every owner above, for the cheap constant-pool scan: a class naming none of them cannot
     * call an entry point.
     */
    static final String[] OWNER_PREFIXES = {
        "org/junit/", "org/testng/", ASSERTJ, "org/hamcrest/", "com/google/common/truth/", "org/mockito/"};

    private EntryPoints() {
    }

    /**
     * Whether a call of {@code owner.name} is an assertion.
     *
     * @param withAssertions the calling class implements AssertJ's {@code WithAssertions} directly, so its own
     *                       inherited {@code assertThat} (owner: the class itself) is AssertJ's
     * @param caller         the calling class's internal name
     */
    public static boolean counts(String owner, String name, String caller, boolean withAssertions) {
        if (XUNIT.contains(owner)) {
            return (name.startsWith("assert") || name.startsWith("fail")) && !name.equals("assertAll");
        }
        if (owner.startsWith(ASSERTJ)) {
            return owner.indexOf('/', ASSERTJ.length()) < 0 && ASSERTJ_TYPES.contains(owner.substring(ASSERTJ.length()))
                    && assertJName(name);
        }
        if (withAssertions && owner.equals(caller)) {
            return assertJName(name);
        }
        switch (owner) {
            case "org/hamcrest/MatcherAssert":
                return name.equals("assertThat");
            case "com/google/common/truth/Truth":
                return name.equals("assertThat") || name.equals("assertWithMessage");
            case "com/google/common/truth/Truth8":
                return name.equals("assertThat");
            case "org/mockito/BDDMockito$Then":
                return name.startsWith("should");
            default:
                return MOCKITO_VERIFY.contains(owner) && name.startsWith("verify");
        }
    }

    /** Whether {@code type} (an internal name) is AssertJ's {@code WithAssertions}. */
    static boolean isWithAssertions(String type) {
        return WITH_ASSERTIONS.equals(type);
    }

    private static boolean assertJName(String name) {
        return name.startsWith("assertThat") || name.startsWith("then") || name.startsWith("fail")
                || name.equals("assertWith");
    }
}

package org.testtelemetry.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Surefire wrote in the TEST-*.xml files of one run, the ground truth our counts are compared with: counted
 * by {@code <testcase>} element (one per execution) and, separately, as the sums of the {@code <testsuite>}
 * attributes (which Surefire's TestNG provider merges for same-named executions).
 *
 * @param tests           {@code <testcase>} elements
 * @param failures        test cases with a {@code <failure>}
 * @param errors          test cases with an {@code <error>} (and no failure)
 * @param skipped         test cases with a {@code <skipped>} (and neither)
 * @param attributeTests  sum of the suites' {@code tests} attributes; likewise the next three
 */
public record SurefireXml(long tests, long failures, long errors, long skipped,
                          long attributeTests, long attributeFailures, long attributeErrors, long attributeSkipped) {

    /** Reads every {@code TEST-*.xml} in {@code reportsDir}; fails when there is none. */
    public static SurefireXml read(Path reportsDir) throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(reportsDir)) {
            files = list.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new AssertionError("no Surefire XML reports (TEST-*.xml) in " + reportsDir);
        }
        long[] sums = new long[8];
        for (Path file : files) {
            add(sums, file);
        }
        return new SurefireXml(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7]);
    }

    /** Test cases that failed or errored. */
    public long failedOrErrored() {
        return failures + errors;
    }

    private static void add(long[] sums, Path file) throws Exception {
        Element suite;
        try {
            suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            sums[0]++;
            if (hasChild(testCase, "failure")) {
                sums[1]++;
            } else if (hasChild(testCase, "error")) {
                sums[2]++;
            } else if (hasChild(testCase, "skipped")) {
                sums[3]++;
            }
        }
        sums[4] += Long.parseLong(suite.getAttribute("tests"));
        sums[5] += Long.parseLong(suite.getAttribute("failures"));
        sums[6] += Long.parseLong(suite.getAttribute("errors"));
        sums[7] += Long.parseLong(suite.getAttribute("skipped"));
    }

    private static boolean hasChild(Element element, String name) {
        return element.getElementsByTagName(name).getLength() > 0;
    }
}

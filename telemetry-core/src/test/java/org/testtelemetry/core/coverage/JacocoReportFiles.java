package org.testtelemetry.core.coverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.testtelemetry.report.Metrics;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Reads the totals out of what {@code jacoco:report} wrote: jacoco.xml's report-level counters, jacoco.csv's rows. */
final class JacocoReportFiles {

    private JacocoReportFiles() {
    }

    /** The {@code <counter>} elements directly under {@code <report>}: the report's totals. */
    static Metrics.Coverage xmlTotals(Path jacocoXml) throws IOException {
        Map<String, Metrics.Counter> counters = new HashMap<>();
        Element report = parse(jacocoXml).getDocumentElement();
        for (Node node = report.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals("counter")) {
                counters.put(element.getAttribute("type"), new Metrics.Counter(
                        Long.parseLong(element.getAttribute("covered")), Long.parseLong(element.getAttribute("missed"))));
            }
        }
        return new Metrics.Coverage(counters.get("LINE"), counters.get("BRANCH"), counters.get("INSTRUCTION"),
                counters.get("METHOD"), counters.get("COMPLEXITY"));
    }

    /** Column name → sum over jacoco.csv's class rows (e.g. {@code LINE_COVERED}). */
    static Map<String, Long> csvSums(Path jacocoCsv) throws IOException {
        List<String> lines = Files.readAllLines(jacocoCsv);
        String[] header = lines.get(0).split(",");
        Map<String, Long> sums = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            for (int i = 3; i < header.length; i++) {
                sums.merge(header[i], Long.parseLong(cells[i]), Long::sum);
            }
        }
        return sums;
    }

    /** jacoco.csv's row for one class (simple name as JaCoCo writes it, e.g. {@code Inventory.Entry}). */
    static Map<String, Long> csvRow(Path jacocoCsv, String className) throws IOException {
        List<String> lines = Files.readAllLines(jacocoCsv);
        String[] header = lines.get(0).split(",");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (cells[2].equals(className)) {
                Map<String, Long> row = new HashMap<>();
                for (int i = 3; i < header.length; i++) {
                    row.put(header[i], Long.parseLong(cells[i]));
                }
                return row;
            }
        }
        throw new AssertionError("no row for " + className + " in " + jacocoCsv);
    }

    private static Document parse(Path xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // jacoco.xml names a DTD that is not shipped next to it; the totals do not need it.
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(xml.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot parse " + xml, e);
        }
    }
}

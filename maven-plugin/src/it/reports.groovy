// Shared by the verify.groovy scripts: the reports a build produced, read from its log, where the plugin
// prints each report's JSON at DEBUG (the invoker turns DEBUG on for org.testtelemetry only) before delivering it.
import groovy.json.JsonSlurper

List reportsIn(File buildLog) {
    buildLog.readLines()
            .findAll { it.contains('Test telemetry: report {') }
            .collect { new JsonSlurper().parseText(it.substring(it.indexOf('{'))) }
}

Map onlyReport(File buildLog) {
    def reports = reportsIn(buildLog)
    assert reports.size() == 1 : "expected exactly one report, got ${reports.size()}"
    reports[0]
}

/** The build's own output without telemetry's lines and debug lines, for comparisons. */
List mavenOutput(File buildLog) {
    buildLog.readLines().findAll { !it.contains('Test telemetry') && !it.startsWith('[DEBUG]') }
}

/** Lines that differ between two runs of the same build whatever telemetry does (downloads, up-to-date checks, -X). */
List noise() {
    ['Download', 'Could not validate integrity', 'Checksum validation failed', 'Deleting', 'Stale source',
     'Input tree files', 'Recompiling', 'Compiling N source', 'Nothing to compile', 'Building jar',
     'Error stacktraces are turned on', 'Copying N resource', 'JAR will be empty', 'I/O error reading dependency state']
}

/**
 * Maven's own output of each invocation logged in buildLog (the invoker appends them): its INFO, WARNING and
 * ERROR lines without telemetry's, with the figures that change from run to run (times, dates) as N.
 */
List<List<String>> invocations(File buildLog) {
    List<String> noise = noise()
    List<List<String>> runs = []
    List<String> current = null
    for (String line : buildLog.readLines()) {
        if (line == '[INFO] Scanning for projects...') {
            current = []
            runs << current
        }
        if (current == null || line.contains('Test telemetry') || !(line =~ /^\[(INFO|WARNING|ERROR)\]/)) {
            continue
        }
        // numbers vary, and so does the unit of Maven's "Total time:" (s or min) on a loaded machine
        String normalized = line.replaceAll(/\d+([.,:]\d+)*/, 'N').replaceAll(/Total time: .*/, 'Total time: T')
        if (!noise.any { normalized.contains(it) }) {
            current << normalized
        }
    }
    runs
}

/** The first two invocations printed the same (telemetry on, then off). */
void assertSameMavenOutput(File buildLog) {
    def runs = invocations(buildLog)
    assert runs.size() == 2
    assert runs[0] == runs[1] : 'Maven printed something different with telemetry on'
}

/** A fork died (Surefire's message in the log) and the one report counts its unfinished test as incomplete. */
void assertForkDied(File buildLog, String surefireMessage) {
    assert buildLog.text.contains(surefireMessage)
    def t = onlyReport(buildLog).metrics.tests
    assert t.incomplete >= 1 : 'the test of the dead fork never finished'
    assert t.total == t.passed + t.failed + t.errored + t.skipped + t.aborted + t.incomplete
}

/** The {@code <testcase>} elements of a Surefire report folder, by class: what reached the XML. */
Map<String, Integer> xmlCases(File reportsDir) {
    Map<String, Integer> cases = [:]
    (reportsDir.listFiles() ?: []).findAll { it.name ==~ /TEST-.*\.xml/ }.each { file ->
        new groovy.xml.XmlSlurper().parse(file).testcase.each { c ->
            String name = c.@classname.text()
            cases[name] = (cases[name] ?: 0) + 1
        }
    }
    cases
}

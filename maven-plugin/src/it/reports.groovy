// Shared by the verify.groovy scripts: the reports a build produced, read from its log, where the plugin
// prints each report's JSON at DEBUG (the invoker runs the builds with -X) before delivering it.
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

/**
 * Maven's own output of each invocation logged in buildLog (the invoker appends them), without telemetry's
 * lines, debug output, downloads and the figures that change from run to run (times, dates, paths of temp files).
 */
List<List<String>> invocations(File buildLog) {
    List<List<String>> runs = []
    List<String> current = null
    for (String line : buildLog.readLines()) {
        if (line.contains('Scanning for projects...')) {
            current = []
            runs << current
        }
        if (current == null || line.contains('Test telemetry') || line.startsWith('[DEBUG]') || line.contains('Download')) {
            continue
        }
        current << line.replaceAll(/\d+([.,:]\d+)*/, 'N')
    }
    runs
}

void assertSameMavenOutput(File buildLog) {
    def runs = invocations(buildLog)
    assert runs.size() == 2
    def with = runs[0].findAll { !(it =~ /^\tat |^Caused by|^\s*\.\.\. N more/) }
    def without = runs[1].findAll { !(it =~ /^\tat |^Caused by|^\s*\.\.\. N more/) }
    assert with == without : 'Maven printed something different with telemetry on'
}

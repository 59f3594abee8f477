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

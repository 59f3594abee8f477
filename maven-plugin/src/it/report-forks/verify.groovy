import groovy.json.JsonSlurper

def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

// Two invocations, each with four forks (one per class): exactly one report each, sent by the plugin
def reports = common.reportsIn(log)
assert reports.size() == 2 : "expected one report per invocation, got ${reports.size()}"
reports.each {
    assert it.environment.telemetry.adapter == 'maven-plugin'
    assert it.metrics.forks == 4
    assert it.metrics.classes == 4
}
def passing = reports[0].metrics.tests
assert [passing.total, passing.passed, passing.failed] == [6, 6, 0]

// The second invocation (after clean): the failed test stopped the build before verify, and the module was still
// reported once, at the end of the build; its counts equal the XML's
def files = new File(basedir, 'target/telemetry').listFiles().findAll { it.name ==~ /report-.*\.json/ }
assert files.size() == 1 : "expected one report file, got ${files*.name}"
def t = new JsonSlurper().parse(files[0]).metrics.tests
int inXml = common.xmlCases(new File(basedir, 'target/surefire-reports')).values().sum()
assert [t.total, t.passed, t.failed] == [inXml, 5, 1]
assert log.text.contains('BUILD FAILURE')

// The forks only wrote partials: none delivered a report of its own
def runDir = new File(basedir, 'target/telemetry-run')
assert new File(runDir, 'surefire-default-test').listFiles().findAll { it.name ==~ /telemetry-partial-.*\.json/ }.size() == 4
assert !runDir.listFiles().any { it.name.startsWith('telemetry-delivered-') }
return true

def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

def report = common.onlyReport(log)
assert report.project == [vendor: 'org.acme.it', name: 'single-module', anonymized: 'none']
assert report.environment.buildTool.name == 'maven'
assert report.environment.buildTool.version ==~ /3\.\d+\.\d+/
assert report.environment.telemetry.adapter == 'maven-plugin'
assert report.environment.frameworks*.name == ['junit-jupiter']
// adds + squares[1..3] + disabled + linuxOnly, as Surefire's TEST-it.CalculatorTest.xml counts them
def t = report.metrics.tests
assert [t.total, t.passed, t.failed, t.errored, t.skipped, t.aborted, t.incomplete, t.flaky] == [6, 4, 0, 0, 1, 1, 0, 0]
assert report.metrics.classes == 1
assert report.metrics.methods == 4
// target/jacoco.exec over target/classes: Calculator.add ran, Calculator.unused did not
assert report.metrics.coverage.method.covered >= 1
assert report.metrics.coverage.method.missed >= 1
assert report.metrics.coverage.line.covered > 0

// the file writer wrote that very report into the module's target/telemetry
def written = new File(basedir, 'target/telemetry').listFiles().findAll { it.name ==~ /report-.*\.json/ }
assert written.size() == 1
assert new groovy.json.JsonSlurper().parse(written[0]).id == report.id

// telemetry:show printed the report's JSON and the plugin's configuration as a source
String text = log.text
assert text.contains('Settings (value, then where it came from):')
assert text =~ /telemetry\.enabled\s+true\s+telemetry-maven-plugin configuration/
assert text.contains('Project: org.acme.it/single-module sent as org.acme.it/single-module (anonymize=none)')
return true

def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

// reuseForks=false: one JVM per test class, each leaving its partial result in its execution's run directory
def partials = new File(basedir, 'target/telemetry-run/surefire-default-test').listFiles().findAll { it.name ==~ /telemetry-partial-.*\.json/ }
assert partials.size() == 3

// one merged report whose totals equal Surefire's XML totals: 3 classes x (2 invocations + 1 aborted)
def xmlTotal = new File(basedir, 'target/surefire-reports').listFiles()
        .findAll { it.name ==~ /TEST-.*\.xml/ }
        .sum { (new groovy.xml.XmlSlurper().parse(it).@tests.text()) as int }
def report = common.onlyReport(log)
def t = report.metrics.tests
assert t.total == xmlTotal
assert [t.total, t.passed, t.skipped, t.aborted, t.incomplete] == [9, 6, 0, 3, 0]
assert report.metrics.forks == 3
assert report.metrics.classes == 3
assert report.metrics.memory.peakHeapBytes > 0 : 'heap comes from the forks'
assert report.environment.frameworks*.name.contains('junit-jupiter')
assert report.environment.telemetry.adapter == 'maven-plugin'
assert log.text.contains('BUILD SUCCESS')
return true

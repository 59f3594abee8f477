def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')
assert log.text.contains('The forked VM terminated without properly saying goodbye')

// Each JVM reran its failed test in a second test plan of the same session: the rerun is not a new planned test
def runDir = new File(basedir, 'target/telemetry-run/surefire-default-test')
def started = runDir.listFiles().findAll { it.name ==~ /telemetry-started-.*\.txt/ }
assert started.size() == 2
started.each { assert it.readLines()[1] == 'planned 2' : "${it.name}: ${it.readLines()}" }

// FlakyTest passed on its rerun; DiesOnRerunTest's JVM died in its rerun: the report plans 2 + 2 tests, and what
// did not reach the XML of the dead JVM's class is incomplete
def xml = common.xmlCases(new File(basedir, 'target/surefire-reports'))
def t = common.onlyReport(log).metrics.tests
println "XML test cases per class: $xml; report: $t"
assert xml['it.FlakyTest'] == 2
assert t.incomplete == 2 - (xml['it.DiesOnRerunTest'] ?: 0)
assert t.total == 4
assert t.flaky == 1
assert t.total == t.passed + t.failed + t.errored + t.skipped + t.aborted + t.incomplete
return true

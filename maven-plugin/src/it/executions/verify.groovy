def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

// Each execution's forks wrote to their own run directory
['surefire-default-test', 'surefire-slow-tests', 'failsafe-default'].each {
    assert new File(basedir, "target/telemetry-run/$it").isDirectory() : "no run directory $it"
}

// Three invocations appended to one log: the full build, -DskipTests -DskipITs (nothing to report), -Dtest=SlowTest
def reports = common.reportsIn(log)
assert reports.size() == 2 : "expected a report for invocations 1 and 3 only, got ${reports.size()}"

// 1: the report equals the three executions' XML added up: fast 4 (1 failed, 1 flaky, 1 aborted), slow 3 (1 aborted), IT 1
def t = reports[0].metrics.tests
assert [t.total, t.passed, t.failed, t.errored, t.skipped, t.aborted, t.incomplete, t.flaky] == [8, 5, 1, 0, 0, 2, 0, 1]
assert reports[0].metrics.classes == 3
assert reports[0].metrics.forks == 3

// 3: only SlowTest (second execution) and the IT ran; the first invocation's XML left in surefire-reports is not counted
def t3 = reports[1].metrics.tests
assert [t3.total, t3.passed, t3.aborted, t3.failed] == [4, 3, 1, 0]
return true

def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

// one report per invocation: single fork, two forks, parallel, then -Dtelemetry.assertions=false
def reports = common.reportsIn(log)
assert reports.size() == 4

// counted by hand in the test classes: 19 tests (15 passed, 2 failed, 1 errored, 1 skipped)
for (int i = 0; i < 3; i++) {
    def m = reports[i].metrics
    assert [m.tests.total, m.tests.passed, m.tests.failed, m.tests.errored, m.tests.skipped] == [19, 15, 2, 1, 1]
    assert m.assertions == [total: 18, passed: 16, failed: 2] : "run ${i + 1}: ${m.assertions}"
    assert m.tests.void == 4 : "run ${i + 1}: void ${m.tests.void}"
}
assert reports[1].metrics.forks == 5 : 'one fork per class'

// without the agent: unknown, not zero; and the tests ran exactly as with it
def off = reports[3].metrics
assert off.assertions == null
assert off.tests.containsKey('void') && off.tests.void == null
assert off.tests.total == 19 && off.tests.failed == 2 && off.tests.errored == 1
def runs = common.invocations(log)
assert runs.size() == 4
assert runs[0] == runs[3] : 'Maven printed something different with the agent'
assert log.text.count('BUILD SUCCESS') == 4
return true

def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

// one report per invocation: single fork, two forks, parallel methods, then -Dtelemetry.assertions=false
def reports = common.reportsIn(log)
assert reports.size() == 4

// counted by hand in the test classes: 9 tests (7 passed, 2 failed)
for (int i = 0; i < 3; i++) {
    def m = reports[i].metrics
    assert [m.tests.total, m.tests.passed, m.tests.failed, m.tests.errored, m.tests.skipped] == [9, 7, 2, 0, 0]
    assert m.assertions == [total: 11, passed: 9, failed: 2] : "run ${i + 1}: ${m.assertions}"
    assert m.tests.void == 3 : "run ${i + 1}: void ${m.tests.void}"
}
assert reports[1].metrics.forks == 2 : 'one fork per class'
assert reports.every { it.environment.frameworks*.name.contains('testng') }

// without the agent: unknown, not zero; and the tests ran exactly as with it
def off = reports[3].metrics
assert off.assertions == null
assert off.tests.containsKey('void') && off.tests.void == null
assert off.tests.total == 9 && off.tests.failed == 2
def runs = common.invocations(log)
assert runs.size() == 4
assert runs[0] == runs[3] : 'Maven printed something different with the agent'
assert log.text.count('BUILD SUCCESS') == 4
return true

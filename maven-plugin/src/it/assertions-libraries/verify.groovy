def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

// one report per invocation: single fork, two forks, parallel
def reports = common.reportsIn(log)
assert reports.size() == 3

// counted by hand in the test classes: 7 tests, 13 assertions, 1 void
reports.eachWithIndex { report, i ->
    def m = report.metrics
    assert [m.tests.total, m.tests.passed, m.tests.failed] == [7, 7, 0]
    assert m.assertions == [total: 13, passed: 13, failed: 0] : "run ${i + 1}: ${m.assertions}"
    assert m.tests.void == 1 : "run ${i + 1}: void ${m.tests.void}"
    // JaCoCo's agent worked next to ours: Inventory's lines were covered
    assert m.coverage != null && m.coverage.line.covered > 0 : "run ${i + 1}: coverage ${m.coverage}"
}
assert reports[1].metrics.forks == 2 : 'one fork per class'
assert log.text.count('BUILD SUCCESS') == 3
return true

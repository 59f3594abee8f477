def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

assert log.text.contains('Flakes: 1')
def t = common.onlyReport(log).metrics.tests
assert [t.total, t.passed, t.failed, t.flaky] == [2, 2, 0, 1]
return true

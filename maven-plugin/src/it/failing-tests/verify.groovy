def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

// the extension reported at the end of the failed session, once
def report = common.onlyReport(log)
def t = report.metrics.tests
assert [t.total, t.passed, t.failed, t.errored] == [3, 1, 1, 1]
assert report.metrics.exceptions == 1

// Maven's usual failure, unchanged by telemetry
String text = log.text
assert text.contains('There are test failures.')
assert text.count('BUILD FAILURE') == 2
common.assertSameMavenOutput(log)
return true

def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

String text = log.text
assert text.contains('There was a timeout in the fork')

def report = common.onlyReport(log)
def t = report.metrics.tests
assert t.incomplete >= 1 : 'the test of the killed fork never finished'
assert t.total == t.passed + t.failed + t.errored + t.skipped + t.aborted + t.incomplete
assert report.metrics.forks >= 1
return true

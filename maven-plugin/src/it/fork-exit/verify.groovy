def common = new GroovyShell().parse(new File(itSources, 'reports.groovy'))
File log = new File(basedir, 'build.log')

String text = log.text
assert text.contains('The forked VM terminated without properly saying goodbye')

def report = common.onlyReport(log)
def t = report.metrics.tests
assert t.incomplete >= 1 : 'the test that called System.exit never finished'
assert t.total == t.passed + t.failed + t.errored + t.skipped + t.aborted + t.incomplete
assert report.metrics.forks >= 1
return true
